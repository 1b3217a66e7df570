using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// <c>[Use]</c> and <c>[Residual]</c>: SD2005 for a block reaching itself, SD1002 for a residual block that
/// changes the shape, SD1001 for a block whose layers reject the shape it receives at this use.
/// </summary>
public class CompositionDiagnosticsTests
{
    /// <summary>A block keeping 8 channels, C bound at the use; declared after the model under test (line 3).</summary>
    private const string Block = """

        [Model("x: B,C,H,W")]
        [Conv2d(8, Kernel = 3, Padding = 1), ReLU]
        public partial class Block;

        [Model("x: B,C,H,W")]
        [Conv2d(16, Kernel = 3, Padding = 2, Stride = 2)]
        public partial class Shrink;

        [Model("x: B,C,L")]
        [Conv1d(8, Kernel = 3)]
        public partial class Sequence;

        [Model("x: B,C,H,W")]
        [Conv2d(16, Kernel = 3, Padding = 1, Stride = 2)]
        public partial class Halve;
        """;

    [Fact]
    public void A_model_using_itself_is_reported_at_the_use()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,C,H,W", "[Conv2d(8, Kernel = 1)]", "[Use(typeof(Net))]"));

        DiagnosticAssert.Single(run, "SD2005", ModelSource.LayerLine(2), "Use(typeof(Net))", "makes 'Net' contain itself (Net → Net)");
    }

    [Fact]
    public void A_cycle_through_another_block_is_reported_at_each_use_that_closes_it()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,C,H,W", "[Residual(typeof(Inner))]") + """
            [Model("x: B,C,H,W")]
            [Use(typeof(Net))]
            public partial class Inner;
            """);

        Assert.Empty(run.Crashes);
        Assert.Equal(2, run.SciDslDiagnostics.Length);
        DiagnosticAssert.AssertIs(run.SciDslDiagnostics.Single(d => d.GetMessage().Contains("'Net'")), "SD2005", ModelSource.LayerLine(1), "(Net → Inner → Net)");
        DiagnosticAssert.AssertIs(run.SciDslDiagnostics.Single(d => d.GetMessage().Contains("'Inner'")), "SD2005", ModelSource.LayerLine(4), "(Inner → Net → Inner)");
    }

    [Fact]
    public void A_residual_block_changing_the_shape_names_both_shapes()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,8,32,32", "[Residual(typeof(Shrink))]") + Block);

        var diagnostic = Assert.Single(run.SciDslDiagnostics);
        DiagnosticAssert.AssertIs(diagnostic, "SD1002", ModelSource.LayerLine(1), "Residual(typeof(Shrink)) 'residual_1'",
            "its input [B, 8, 32, 32] and Shrink's output [B, 16, 17, 17]", "a residual block must keep the shape it receives",
            "write Projection = true");
    }

    [Fact]
    public void A_projection_whose_stride_cannot_reproduce_the_output_is_reported_at_the_use()
    {
        // (32 - 1) / s + 1 is 32, 16, 11, 8, … : no integer stride gives Shrink's 17.
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,8,32,32", "[Residual(typeof(Shrink), Projection = true)]") + Block);

        var diagnostic = Assert.Single(run.SciDslDiagnostics);
        DiagnosticAssert.AssertIs(diagnostic, "SD1002", ModelSource.LayerLine(1), "Shrink's output [B, 16, 17, 17]", "found no integer stride");
    }

    [Fact]
    public void A_projection_with_repeat_is_rejected()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,8,32,32", "[Residual(typeof(Halve), Repeat = 2, Projection = true)]") + Block);

        var diagnostic = Assert.Single(run.SciDslDiagnostics);
        DiagnosticAssert.AssertIs(diagnostic, "SD2003", ModelSource.LayerLine(1), "Projection = true applies to one block");
    }

    [Fact]
    public void A_downsampling_residual_block_with_projection_is_valid()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,8,32,32", "[Residual(typeof(Halve), Projection = true)]") + Block);

        DiagnosticAssert.Clean(run);
    }

    [Fact]
    public void A_block_whose_layers_reject_the_received_shape_is_reported_at_the_use()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,8,2", "[Use(typeof(Sequence))]") + Block);

        var diagnostic = Assert.Single(run.SciDslDiagnostics);
        DiagnosticAssert.AssertIs(diagnostic, "SD1001", ModelSource.LayerLine(1), "Use(typeof(Sequence))", "receives [B, 8, 2]", "inside Sequence:");
    }

    [Theory]
    [InlineData("[Use(typeof(Block), Repeat = 0)]", "Repeat must be at least 1 but is 0")]
    [InlineData("[Residual(typeof(string))]", "string is not a [Model] class")]
    public void An_invalid_block_argument_is_reported_at_the_use(string row, string words)
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,8,4,4", row) + Block);

        var diagnostic = Assert.Single(run.SciDslDiagnostics);
        DiagnosticAssert.AssertIs(diagnostic, "SD2003", ModelSource.LayerLine(1), words);
    }

    [Fact]
    public void A_block_used_and_repeated_with_bound_channels_is_valid()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,3,8,8", "[Use(typeof(Block)), Residual(typeof(Block), Repeat = 2)]") + Block);

        DiagnosticAssert.Clean(run);
    }
}
