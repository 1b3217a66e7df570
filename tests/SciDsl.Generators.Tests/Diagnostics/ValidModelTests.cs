using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>Valid models give no diagnostics and generated code that compiles; invalid ones generate nothing.</summary>
public class ValidModelTests
{
    [Fact]
    public void Model_using_every_layer_kind_compiles_without_diagnostics()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,3,H,W",
            "[Conv2d(8, Kernel = 3, Padding = 1, Bias = false), BatchNorm2d, LeakyReLU(Slope = 0.2)]",
            "[MaxPool2d(2), AvgPool2d(3, Stride = 1, Padding = 1), SiLU]",
            "[AdaptiveAvgPool2d(1), Flatten(StartDim = 2)]",
            "[Flatten, Reshape(\"B,2,4\"), Conv1d(6, Kernel = 1, Groups = 2), MaxPool1d(2), AvgPool1d(2)]",
            "[Flatten, BatchNorm1d, Linear(\"D\", Bias = false), LayerNorm, GELU, Tanh, Sigmoid, ReLU, Dropout(0.1)]",
            "[Linear(4), Softmax(Dim = 1), LogSoftmax(Dim = -1)]",
            "[GlobalAvgPool(From = \"conv2d_1\")]",
            "[Linear(4, From = \"linear_2\")]",
            "[Add(\"linear_3\", \"linear_2\"), Concat(\"add_1\", \"linear_3\")]"));

        DiagnosticAssert.Clean(run);
        Assert.Contains("public Net(long D)", run.Source("Net.Module.g.cs"));
    }

    [Fact]
    public void Model_with_two_inputs_and_two_outputs_compiles()
    {
        var run = GeneratorHarness.Run(ModelSource.OfClass("[Output(\"a\", \"b\")]\npublic partial class Net;",
            "x: B,16; y: float64[B,8]",
            "[Linear(4, Name = \"a\")]",
            "[Linear(2, From = \"y\", Name = \"b\")]"));

        DiagnosticAssert.Clean(run);
        Assert.Contains("forward(global::TorchSharp.torch.Tensor x, global::TorchSharp.torch.Tensor y)", run.Source("Net.Module.g.cs"));
    }

    [Fact]
    public void Invalid_model_generates_no_source_while_a_valid_one_beside_it_does()
    {
        var run = GeneratorHarness.Run(
            ModelSource.Of("x: B,1,8,8", "[Linear(10)]"),
            "using SciDsl;\n[Model(\"x: B,4\")]\n[Linear(2)]\npublic partial class Good;\n");

        Assert.Empty(run.Crashes);
        var diagnostic = Assert.Single(run.SciDslDiagnostics);
        Assert.Equal("SD1001", diagnostic.Id);
        Assert.Equal(new[] { "Good.Module.g.cs", "Good.Onnx.g.cs" }, run.Sources.Select(s => s.HintName).Order());
        Assert.Empty(run.CompileErrors);
    }
}
