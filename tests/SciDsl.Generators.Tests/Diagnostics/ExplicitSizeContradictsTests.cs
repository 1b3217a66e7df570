using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>SD1004: an explicit In, InChannels or Reshape target contradicts the inferred size.</summary>
public class ExplicitSizeContradictsTests
{
    [Fact]
    public void The_PyTorch_classic_In_3200_after_two_pooled_convs_receives_3136()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,1,28,28",
            "[Conv2d(32, Kernel=3, Padding=1), ReLU, MaxPool2d(2)]",
            "[Conv2d(64, Kernel=3, Padding=1), ReLU, MaxPool2d(2)]",
            "[Flatten]",
            "[Linear(128, In = 3200)]"));

        DiagnosticAssert.Single(run, "SD1004", ModelSource.LayerLine(4),
            "Linear(128, In = 3200)", "declares In = 3200", "[B, 3136] (3136 features)", "Flatten 'flatten_1'", "write In = 3136");
    }

    [Fact]
    public void Wrong_InChannels_names_the_inferred_channel_count()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,1,8,8", "[Conv2d(8, Kernel = 3, InChannels = 3)]"));

        DiagnosticAssert.Single(run, "SD1004", ModelSource.LayerLine(1), "InChannels = 3", "(1 channels)", "write InChannels = 1");
    }

    [Fact]
    public void Reshape_to_a_different_element_count_is_rejected()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,16", "[Reshape(\"B,4,5\")]"));

        DiagnosticAssert.Single(run, "SD1004", ModelSource.LayerLine(1), "Reshape(\"B,4,5\")", "20 elements per sample", "16 elements");
    }

    [Fact]
    public void Matching_explicit_sizes_are_accepted()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,1,8,8",
            "[Conv2d(4, Kernel = 3, Padding = 1, InChannels = 1)]", "[Reshape(\"B,16,16\")]", "[Linear(2, In = 16)]"));

        DiagnosticAssert.Clean(run);
    }
}
