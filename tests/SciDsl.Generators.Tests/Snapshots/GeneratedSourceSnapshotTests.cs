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
    public void Generated_sources_match_the_approved_snapshots(string model, string hintName)
    {
        var run = GeneratorHarness.Run(Source(model));

        DiagnosticAssert.Clean(run);
        Assert.Equal(new[] { hintName + ".Module.g.cs", hintName + ".Onnx.g.cs" }, run.Sources.Select(s => s.HintName).Order());
        Snapshot.Match(run.Source(hintName + ".Module.g.cs"), model + ".Module");
        Snapshot.Match(run.Source(hintName + ".Onnx.g.cs"), model + ".Onnx");
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
