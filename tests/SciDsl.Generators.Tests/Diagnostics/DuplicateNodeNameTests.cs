using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>SD2004: two nodes with one name.</summary>
public class DuplicateNodeNameTests
{
    [Fact]
    public void Second_layer_with_a_taken_name_is_reported()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,16", "[Linear(8, Name = \"dense\")]", "[Linear(4, Name = \"dense\")]"));

        DiagnosticAssert.Single(run, "SD2004", ModelSource.LayerLine(2), "Name 'dense'", "Linear(4, Name = \"dense\")", "already used by Linear(8, Name = \"dense\") 'dense'", "rename one of them");
    }

    [Fact]
    public void Layer_named_like_an_input_is_reported()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,16", "[Linear(8, Name = \"x\")]"));

        DiagnosticAssert.Single(run, "SD2004", ModelSource.LayerLine(1), "Name 'x'", "input 'x'");
    }

    [Fact]
    public void Generated_names_step_around_explicit_ones()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,16", "[Linear(8, Name = \"linear_2\")]", "[Linear(4)]", "[Linear(2)]"));

        DiagnosticAssert.Clean(run);
    }
}
