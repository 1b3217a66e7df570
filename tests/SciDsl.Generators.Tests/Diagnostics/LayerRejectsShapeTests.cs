using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>SD1001: a layer cannot accept the incoming rank or size.</summary>
public class LayerRejectsShapeTests
{
    [Fact]
    public void Linear_on_a_conv_feature_map_asks_for_Flatten()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,1,8,8",
            "[Conv2d(8, Kernel = 3), ReLU, MaxPool2d(2, Name = \"pool\")]",
            "[Linear(10)]"));

        DiagnosticAssert.Single(run, "SD1001", ModelSource.LayerLine(2),
            "Linear(10)", "receives [B, 8, 3, 3]", "MaxPool2d(2, Name = \"pool\") 'pool'", "insert [Flatten]");
    }

    [Fact]
    public void Conv2d_on_a_two_dimensional_tensor_is_rejected()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,16", "[Conv2d(8, Kernel = 3)]"));

        DiagnosticAssert.Single(run, "SD1001", ModelSource.LayerLine(1),
            "Conv2d(8, Kernel = 3)", "[B, channels, height, width]", "receives [B, 16]", "input 'x'");
    }

    [Fact]
    public void Softmax_dim_outside_the_rank_is_rejected()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,16", "[Linear(4)]", "[Softmax(Dim = 2)]"));

        DiagnosticAssert.Single(run, "SD1001", ModelSource.LayerLine(2), "Softmax(Dim = 2)", "use Dim between -2 and 1");
    }

    [Fact]
    public void Pooling_after_Linear_is_rejected()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,16", "[Linear(4)]", "[MaxPool2d(2)]"));

        DiagnosticAssert.Single(run, "SD1001", ModelSource.LayerLine(2), "MaxPool2d(2)", "receives [B, 4]");
    }

    [Fact]
    public void Linear_after_Flatten_of_a_free_sized_image_is_reported_at_the_Linear_with_both_fixes()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,3,H,W",
            "[Conv2d(16, Kernel = 3, Padding = 1), ReLU]",
            "[Flatten]",
            "[Linear(10)]"));

        DiagnosticAssert.Single(run, "SD1001", ModelSource.LayerLine(3),
            "Linear(10) expects a size fixed when the model is built", "not 16*H*W, which grows with the input sizes H and W",
            "receives [B, 16*H*W] from Flatten", "make H and W fixed in the model's input shape", "insert [GlobalAvgPool] before [Flatten]");
    }

    [Theory]
    [InlineData("x: B,3,H,W", "[GlobalAvgPool]")]
    [InlineData("x: B,3,32,32", "[ReLU]")]
    public void Either_fix_lets_the_Linear_after_Flatten_build(string inputs, string beforeFlatten) =>
        DiagnosticAssert.Clean(GeneratorHarness.Run(ModelSource.Of(inputs,
            "[Conv2d(16, Kernel = 3, Padding = 1), ReLU]", beforeFlatten, "[Flatten]", "[Linear(10)]")));

    [Fact]
    public void Conv1d_whose_channels_multiply_two_input_sizes_is_reported_at_the_Conv1d()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,C,H,W", "[Reshape(\"B,C*H,W\")]", "[Conv1d(8, Kernel = 3)]"));

        DiagnosticAssert.Single(run, "SD1001", ModelSource.LayerLine(2),
            "Conv1d(8, Kernel = 3)", "not C*H, which grows with the input sizes C and H", "make C and H fixed");
    }

    [Fact]
    public void A_block_whose_weights_a_product_of_free_input_sizes_would_size_is_reported_at_the_use()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,8,H,W", "[Flatten]", "[Use(typeof(Head))]") + """

            [Model("x: B,F")]
            [Linear(10)]
            public partial class Head;
            """);

        // Head itself is valid (F alone becomes its constructor parameter); only this use is not.
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), "SD1001", ModelSource.LayerLine(2),
            "Use(typeof(Head))", "inside Head: Linear(10)", "not 8*H*W, which grows with the input sizes H and W");
    }

    [Fact]
    public void Only_the_first_failing_layer_is_reported()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,1,8,8", "[Linear(10)]", "[Linear(5)]", "[Conv2d(3, Kernel = 1)]"));

        DiagnosticAssert.Single(run, "SD1001", ModelSource.LayerLine(1), "Linear(10)");
    }
}
