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
    public void Only_the_first_failing_layer_is_reported()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,1,8,8", "[Linear(10)]", "[Linear(5)]", "[Conv2d(3, Kernel = 1)]"));

        DiagnosticAssert.Single(run, "SD1001", ModelSource.LayerLine(1), "Linear(10)");
    }
}
