using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Snapshots;

/// <summary>The generated module and ONNX exporter of representative models, against approved baselines.</summary>
public class GeneratedSourceSnapshotTests
{
    [Theory]
    [InlineData(nameof(TestModels.DigitCnn), "SciDsl.Samples.Digits.DigitCnn")]
    [InlineData(nameof(TestModels.SymbolicMlp), "Tabular.Mlp")]
    [InlineData(nameof(TestModels.Conv1dNet), "Signals.SignalNet")]
    [InlineData(nameof(TestModels.NestedWithoutNamespace), "Zoo.Tiny")]
    [InlineData(nameof(TestModels.ResidualNet), "Vision.ResidualNet")]
    [InlineData(nameof(TestModels.LstmTagger), "Text.LstmTagger")]
    [InlineData(nameof(TestModels.GcnNet), "Graphs.GcnNet")]
    [InlineData(nameof(TestModels.UNet), "Cells.UNet")]
    [InlineData(nameof(TestModels.LambdaNet), "Signals.LambdaNet")]
    public void Generated_sources_match_the_approved_snapshots(string model, string hintName)
    {
        var run = GeneratorHarness.Run(Source(model));

        DiagnosticAssert.Clean(run);
        Assert.Equal(new[] { hintName + ".Module.g.cs", hintName + ".Onnx.g.cs" }, run.Sources.Select(s => s.HintName).Order());
        Snapshot.Match(run.Source(hintName + ".Module.g.cs"), model + ".Module");
        Snapshot.Match(run.Source(hintName + ".Onnx.g.cs"), model + ".Onnx");
    }

    /// <summary>A model built from blocks: the parent holds the generated block classes and inlines them in ONNX.</summary>
    [Fact]
    public void Generated_sources_of_a_model_of_blocks_match_the_approved_snapshots()
    {
        var run = GeneratorHarness.Run(TestModels.BlockResNet);

        DiagnosticAssert.Clean(run);
        string[] models = ["Vision.BasicBlock", "Vision.BlockResNet", "Vision.DownBlock"];
        Assert.Equal(models.SelectMany(m => new[] { m + ".Module.g.cs", m + ".Onnx.g.cs" }), run.Sources.Select(s => s.HintName).Order());
        Snapshot.Match(run.Source("Vision.BlockResNet.Module.g.cs"), nameof(TestModels.BlockResNet) + ".Module");
        Snapshot.Match(run.Source("Vision.BlockResNet.Onnx.g.cs"), nameof(TestModels.BlockResNet) + ".Onnx");
    }

    /// <summary>The digits CNN with every attribution declared: its <c>Explain.g.cs</c>.</summary>
    [Fact]
    public void Generated_explain_methods_match_the_approved_snapshot()
    {
        const string explained = """
            using SciDsl;

            namespace SciDsl.Samples.Digits;

            [Model("x: B,1,8,8")]
            [Conv2d(32, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
            [Conv2d(64, Kernel = 3, Padding = 1, Name = "conv2"), ReLU, MaxPool2d(2)]
            [Flatten]
            [Linear(128, Name = "fc1"), ReLU, Dropout(0.25)]
            [Linear(10)]
            [Explain(Attribution.IntegratedGradients), Explain(Attribution.GradCam, Layer = "conv2")]
            [Explain(Attribution.Saliency), Explain(Attribution.InputXGradient), Explain(Attribution.SmoothGrad, Samples = 16)]
            [Explain(Attribution.Occlusion, Window = new[] { 1, 2, 2 }, Stride = new[] { 1, 1, 1 })]
            public partial class ExplainedCnn;
            """;
        var run = GeneratorHarness.Run(explained);

        DiagnosticAssert.Clean(run);
        Snapshot.Match(run.Source("SciDsl.Samples.Digits.ExplainedCnn.Explain.g.cs"), "ExplainedCnn.Explain");
    }

    /// <summary>Named attention and encoder layers: the generated <c>AttentionWeights</c> returns each, typed by its weights' shape.</summary>
    [Fact]
    public void Generated_attention_capture_of_attention_and_encoder_layers_matches_the_approved_snapshot()
    {
        const string explained = """
            using SciDsl;

            namespace SciDsl.Samples.Sequences;

            [Model("x: B,T,8")]
            [MultiHeadAttention(2, Name = "attn")]
            [TransformerEncoder(2, 4, FeedForward = 16, Name = "enc")]
            [Permute(0, 2, 1), GlobalAvgPool]
            [Linear(3)]
            [Explain(Attribution.Saliency)]
            public partial class ExplainedEncoder;
            """;
        var run = GeneratorHarness.Run(explained);

        DiagnosticAssert.Clean(run);
        Snapshot.Match(run.Source("SciDsl.Samples.Sequences.ExplainedEncoder.Explain.g.cs"), "ExplainedEncoder.Explain");
    }

    /// <summary>A graph model with two inputs (x and adj): methods take both and return one attribution per input.</summary>
    [Fact]
    public void Generated_explain_methods_of_a_two_input_model_match_the_approved_snapshot()
    {
        const string explained = """
            using SciDsl;

            namespace Graphs;

            [Model("x: B,N,F; adj: B,N,N")]
            [GcnConv(16, Adjacency = "adj"), ReLU]
            [GraphSageConv(8, Adjacency = "adj", Name = "sage")]
            [NodeMeanPool]
            [Linear(2, Name = "head")]
            [Explain(Attribution.IntegratedGradients, Steps = 32), Explain(Attribution.Saliency), Explain(Attribution.InputXGradient)]
            [Explain(Attribution.SmoothGrad, Samples = 16), Explain(Attribution.Occlusion, Window = new[] { 1, 2 })]
            public partial class ExplainedGcn;
            """;
        var run = GeneratorHarness.Run(explained);

        DiagnosticAssert.Clean(run);
        Snapshot.Match(run.Source("Graphs.ExplainedGcn.Explain.g.cs"), "ExplainedGcn.Explain");
    }

    [Fact]
    public void Generated_sources_use_only_line_feeds()
    {
        var run = GeneratorHarness.Run(TestModels.DigitCnn);

        Assert.All(run.Sources, s => Assert.DoesNotContain("\r", s.SourceText.ToString()));
    }

    [Fact]
    public void Digits_sample_declaration_is_the_one_snapshotted()
    {
        string sample = File.ReadAllText(Path.Combine(RepositoryRoot(), "samples", "Digits", "DigitCnn.cs")).Replace("\r\n", "\n");
        string attributes(string source) => source[source.IndexOf("[Model", StringComparison.Ordinal)..].Trim();

        Assert.Equal(attributes(sample), attributes(TestModels.DigitCnn));
    }

    private static string Source(string model) =>
        (string)typeof(TestModels).GetField(model)!.GetValue(null)!;

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", ".."));
}
