using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>Valid models give no diagnostics and generated code that compiles; invalid ones generate nothing.</summary>
public class ValidModelTests
{
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
