using SciDsl.Generators.Layers;
using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Emit;

/// <summary>
/// Generated code refers to TorchSharp and SciDsl through <c>global::</c>, so user types and
/// namespaces named like them (<c>Tensor</c>, <c>Linear</c>, <c>nn</c>, <c>torch</c>…) cannot capture a reference.
/// </summary>
public class GlobalQualificationTests
{
    /// <summary>Names the generated code could bind to if it were not <c>global::</c>-qualified.</summary>
    private static readonly string[] ShadowingNames =
    {
        "Tensor", "nn", "torch", "TorchSharp", "Modules", "Module", "SciDsl", "Onnx", "OnnxGraphBuilder", "OnnxAttribute",
        "OnnxExportOptions", "ShapeGuard", "ModelSignature", "ModelSummary", "TensorElementType", "System",
        "UpsampleMode", "Interpolation", "Graphs", "DenseGraph", "NeighbourAggregation",
        "SequenceInputException", "OnnxRecurrentWeights", "SinusoidalPositionalEncoding",
    };

    private static string UserTypes() =>
        string.Concat(ShadowingNames.Concat(LayerRegistry.All.Select(k => k.AttributeName)).Distinct()
            .Select(name => $"public class {name} {{ }}\n"));

    [Fact]
    public void User_types_named_like_TorchSharp_and_SciDsl_types_do_not_break_generated_code()
    {
        // S. because the user's Linear, ReLU… would capture the attributes too.
        string source = "using S = SciDsl;\n\nnamespace Lab;\n\n" + UserTypes() + """

            [S.Model("x: B,3,H,W")]
            [S.Conv2d(8, Kernel = 3, Padding = 1, Bias = false), S.BatchNorm2d, S.LeakyReLU(Slope = 0.2)]
            [S.MaxPool2d(2), S.AvgPool2d(3, Stride = 1, Padding = 1), S.SiLU]
            [S.AdaptiveAvgPool2d(1), S.Flatten(StartDim = 2)]
            [S.Flatten, S.Reshape("B,2,4"), S.Conv1d(6, Kernel = 1, Groups = 2), S.MaxPool1d(2), S.AvgPool1d(2)]
            [S.Flatten, S.BatchNorm1d, S.Linear("D", Bias = false), S.LayerNorm, S.GELU, S.Tanh, S.Sigmoid, S.ReLU, S.Dropout(0.1)]
            [S.Linear(4), S.Softmax(Dim = 1), S.LogSoftmax(Dim = -1)]
            [S.ConvTranspose2d(4, Kernel = 2, Stride = 2, OutputPadding = 1, From = "x"), S.Upsample(2, Mode = S.Interpolation.Bilinear)]
            [S.PixelShuffle(2), S.Upsample(2)]
            [S.GlobalAvgPool(From = "conv2d_1")]
            [S.Reshape("B,1,2,2,2"), S.Conv3d(2, Kernel = 1), S.ConvTranspose1d(2, Kernel = 3, From = "reshape_1")]
            [S.Linear(4, From = "linear_2")]
            [S.Add("linear_3", "linear_2"), S.Concat("add_1", "linear_3")]
            [S.GroupNorm(2, From = "conv2d_1"), S.ELU, S.Dropout2d(0.1), S.AdaptiveAvgPool2d(3), S.Permute(0, 2, 3, 1)]
            [S.Flatten(StartDim = 2), S.AdaptiveAvgPool1d(4), S.GlobalMaxPool, S.Identity, S.Multiply("globalmaxpool_1", "identity_1")]
            public partial class Net;

            [S.Model("tokens: int64[B,T]")]
            [S.Embedding(10, 6), S.PositionalEncoding, S.LSTM(4, ReturnSequences = true), S.MultiHeadAttention(2, Causal = true), S.TransformerEncoder(1, 2, FeedForward = 8)]
            [S.GRU(4, Bidirectional = true, ReturnSequences = true), S.RNN(4, Layers = 2)]
            public partial class Reader;

            [S.Model("x: B,T,8; memory: B,S,8")]
            [S.MultiHeadAttention(2, KeyValue = "memory"), S.TransformerDecoder(1, 2, Memory = "memory", FeedForward = 8)]
            public partial class Translator;

            [S.Model("x: B,N,4; adj: B,N,N")]
            [S.GcnConv(8, Adjacency = "adj"), S.GraphSageConv(8, Adjacency = "adj", Aggregate = S.NeighbourAggregation.Sum)]
            [S.NodeMeanPool(Name = "mean"), S.NodeMaxPool(From = "graphsageconv_1")]
            [S.Linear(3, Name = "mu"), S.Linear(3, From = "mean", Name = "logvar"), S.Reparameterize(From = "mu,logvar")]
            public partial class GraphNet;

            [S.Model("x: B,4")]
            [S.Use(typeof(Block), Repeat = 2), S.Residual(typeof(Block))]
            public partial class Composed;

            [S.Model("x: B,C")]
            [S.Linear(4)]
            public partial class Block;

            [S.Model("x: B,4")]
            [S.Lambda(nameof(Twice), "B,4"), S.Lambda(nameof(Same), "B,4")]
            public partial class Mapped
            {
                private global::TorchSharp.torch.Tensor Twice(global::TorchSharp.torch.Tensor x) => x * 2;

                private static global::TorchSharp.torch.Tensor Same(global::TorchSharp.torch.Tensor x) => x;
            }
            """;

        var run = GeneratorHarness.Run(source);

        DiagnosticAssert.Clean(run);
        Assert.Equal(LayerRegistry.All.Count, LayerRegistry.All.Count(k => source.Contains("S." + k.AttributeName, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("namespace Lab;", "nn")]
    [InlineData("namespace Lab;", "Tensor")]
    [InlineData("namespace Lab;", "torch")]
    [InlineData("namespace torch;", "Net")]
    [InlineData("namespace TorchSharp;", "Net")]
    [InlineData("namespace Lab.SciDsl;", "Net")]
    public void Model_data_and_experiment_named_like_TorchSharp_compile(string namespaceLine, string model)
    {
        string source = $$"""
            using SciDsl;

            {{namespaceLine}}

            [Model("x: B,4")]
            [Linear(8), ReLU]
            [Linear(3)]
            public partial class {{model}};

            [Dataset("x: 4", Target = "class: 3")]
            public partial class Samples : IDataSource
            {
                public LabelledData Load() => throw new System.NotSupportedException();
            }

            [Experiment(typeof({{model}}), typeof(Samples))]
            [Supervised(Loss.CrossEntropy)]
            public partial class Run1;
            """;

        var run = GeneratorHarness.Run(source);

        DiagnosticAssert.Clean(run);
        Assert.Equal(4, run.Sources.Length);
    }
}
