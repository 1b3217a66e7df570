using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>SD1002 in a U-Net: an input size that 2^depth does not divide breaks a skip connection's Concat.</summary>
public class UNetInputSizeTests
{
    /// <summary>A depth-3 U-Net, as the reference one in SciDsl.Tests, on a square input of <paramref name="size"/>.</summary>
    private static string UNet(int size) => ModelSource.Of($"x: B,1,{size},{size}",
        "[Conv2d(4, Kernel = 3, Padding = 1), ReLU(Name = \"enc1\")]",
        "[MaxPool2d(2)]",
        "[Conv2d(8, Kernel = 3, Padding = 1), ReLU(Name = \"enc2\")]",
        "[MaxPool2d(2)]",
        "[Conv2d(8, Kernel = 3, Padding = 1), ReLU(Name = \"enc3\")]",
        "[MaxPool2d(2)]",
        "[Conv2d(16, Kernel = 3, Padding = 1), ReLU]",
        "[ConvTranspose2d(8, Kernel = 2, Stride = 2, Name = \"up3\")]",
        "[Concat(\"enc3\", \"up3\")]",
        "[Conv2d(8, Kernel = 3, Padding = 1), ReLU]",
        "[ConvTranspose2d(8, Kernel = 2, Stride = 2, Name = \"up2\")]",
        "[Concat(\"enc2\", \"up2\")]",
        "[Conv2d(4, Kernel = 3, Padding = 1), ReLU]",
        "[Upsample(2, Name = \"up1\")]",
        "[Concat(\"enc1\", \"up1\")]",
        "[Conv2d(1, Kernel = 1)]");

    [Fact]
    public void Input_divisible_by_two_to_the_depth_builds()
    {
        DiagnosticAssert.Clean(GeneratorHarness.Run(UNet(32)));
    }

    [Fact]
    public void Input_not_divisible_by_two_to_the_depth_fails_at_the_deepest_skip_concat()
    {
        // 28 → 14 → 7 → 3 going down (floor), 3 → 6 coming up: the 7×7 skip meets a 6×6 upsampling.
        var run = GeneratorHarness.Run(UNet(28));

        DiagnosticAssert.Single(run, "SD1002", ModelSource.LayerLine(9),
            "Concat(\"enc3\", \"up3\")", "[B, 8, 7, 7]", "[B, 8, 6, 6]", "dim 2 differs (7 vs 6)");
    }
}
