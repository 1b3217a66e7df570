using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>SD1003: a computed size becomes zero or negative.</summary>
public class SizeNotPositiveTests
{
    [Fact]
    public void Four_poolings_of_an_8x8_map_reach_zero_at_the_fourth()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,1,8,8",
            "[MaxPool2d(2)]", "[MaxPool2d(2)]", "[MaxPool2d(2)]", "[MaxPool2d(2)]"));

        DiagnosticAssert.Single(run, "SD1003", ModelSource.LayerLine(4),
            "MaxPool2d(2)", "dim 2 zero", "[B, 1, 1, 1] -> [B, 1, 0, 0]", "remove a pooling");
    }

    [Fact]
    public void Kernel_as_large_as_one_more_than_the_input_gives_zero()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,3,4,4", "[Conv2d(8, Kernel = 5)]"));

        DiagnosticAssert.Single(run, "SD1003", ModelSource.LayerLine(1), "Conv2d(8, Kernel = 5)", "zero", "smaller Kernel");
    }

    [Fact]
    public void Kernel_much_larger_than_the_input_gives_a_negative_size()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,3,12", "[Conv1d(8, Kernel = 15)]"));

        DiagnosticAssert.Single(run, "SD1003", ModelSource.LayerLine(1), "Conv1d(8, Kernel = 15)", "negative", "[B, 8, -2]");
    }
}
