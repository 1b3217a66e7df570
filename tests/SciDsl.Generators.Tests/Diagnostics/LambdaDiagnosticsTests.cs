using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// <c>[Lambda(nameof(Method), "shape")]</c> whose method cannot be called as <c>Tensor Method(Tensor x)</c>: an SD error
/// on the Lambda's line (SD2002 when the model has no such method, SD2003 when its signature differs), never a C# error
/// in generated code, since nothing is generated for the invalid model.
/// </summary>
public class LambdaDiagnosticsTests
{
    private static GeneratorRun Run(string members, string lambda) =>
        GeneratorHarness.Run(ModelSource.OfClass("public partial class Net\n{\n" + members + "\n}", "x: B,6", "[Linear(4)]", lambda) + """

            public static class Helpers
            {
                public static TorchSharp.torch.Tensor Twice(TorchSharp.torch.Tensor x) => x * 2;
            }
            """);

    [Fact]
    public void A_method_of_another_class_is_unknown_to_the_model()
    {
        var run = Run("", "[Lambda(nameof(Helpers.Twice), \"B,4\")]");

        DiagnosticAssert.Single(run, "SD2002", ModelSource.LayerLine(2), "Lambda(nameof(Helpers.Twice), \"B,4\") refers to 'Twice'",
            "which is not a method of Net", "declare Tensor Twice(Tensor x) (static or not) in Net");
        Assert.Empty(run.CompileErrors);
    }

    [Fact]
    public void Overloads_none_taking_one_tensor_are_listed()
    {
        var run = Run("""
                private TorchSharp.torch.Tensor Scale(TorchSharp.torch.Tensor x, long k) => x * k;
                private static TorchSharp.torch.Tensor Scale(float[] x) => TorchSharp.torch.tensor(x);
            """, "[Lambda(nameof(Scale), \"B,4\")]");

        DiagnosticAssert.Single(run, "SD2003", ModelSource.LayerLine(2), "Scale must be declared as Tensor Scale(Tensor x)",
            "but is Tensor Scale(Tensor x, long k) / static Tensor Scale(float[] x)");
        Assert.Empty(run.CompileErrors);
    }

    [Theory]
    [InlineData("TorchSharp.torch.Tensor Scale<T>(TorchSharp.torch.Tensor x) => x;", "Tensor Scale<T>(Tensor x)")]
    [InlineData("TorchSharp.torch.Tensor Scale(ref TorchSharp.torch.Tensor x) => x;", "Tensor Scale(ref Tensor x)")]
    [InlineData("void Scale(TorchSharp.torch.Tensor x) { }", "void Scale(Tensor x)")]
    [InlineData("TorchSharp.torch.Tensor Scale() => TorchSharp.torch.zeros(1);", "Tensor Scale()")]
    public void A_method_generated_code_cannot_call_with_one_tensor_is_rejected(string method, string shown)
    {
        var run = Run(method, "[Lambda(nameof(Scale), \"B,4\")]");

        DiagnosticAssert.Single(run, "SD2003", ModelSource.LayerLine(2), "Scale must be declared as Tensor Scale(Tensor x)", "but is " + shown);
        Assert.Empty(run.CompileErrors);
    }

    [Fact]
    public void A_symbol_no_input_binds_is_rejected_even_when_a_layer_is_sized_by_it()
    {
        var run = GeneratorHarness.Run(ModelSource.OfClass("""
            public partial class Net
            {
                private static TorchSharp.torch.Tensor Same(TorchSharp.torch.Tensor x) => x;
            }
            """, "x: B,T,6", "[Linear(\"H\")]", "[Lambda(nameof(Same), \"B,T,H\")]"));

        DiagnosticAssert.Single(run, "SD2003", ModelSource.LayerLine(2), "uses H, which no model input binds", "x: [B, T, 6]", "with B, T and integers");
    }
}
