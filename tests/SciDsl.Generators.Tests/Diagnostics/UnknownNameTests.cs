using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>SD2002: From or Output naming a node that does not exist.</summary>
public class UnknownNameTests
{
    [Fact]
    public void From_naming_an_unknown_node_lists_the_known_names()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,16", "[Linear(8, Name = \"hidden\")]", "[Linear(2, From = \"hiden\")]"));

        DiagnosticAssert.Single(run, "SD2002", ModelSource.LayerLine(2), "refers to 'hiden'", "known names: x, hidden (did you mean 'hidden'?)");
    }

    [Fact]
    public void From_naming_a_later_node_is_unknown_at_that_point()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,16", "[Linear(8, From = \"late\")]", "[Linear(2, Name = \"late\")]"));

        DiagnosticAssert.Single(run, "SD2002", ModelSource.LayerLine(1), "refers to 'late'",
            "'late' is Linear(2, Name = \"late\"), declared after it", "move one of them");
    }

    [Fact]
    public void Output_naming_an_unknown_node_is_reported_on_the_Model_attribute()
    {
        var run = GeneratorHarness.Run(ModelSource.OfClass("[Output(\"ghost\")]\npublic partial class Net;", "x: B,16", "[Linear(2)]"));

        DiagnosticAssert.Single(run, "SD2002", ModelSource.ModelLine, "[Output]", "refers to 'ghost'", "known names: x, linear_1");
    }

    [Fact]
    public void From_reading_an_earlier_named_node_is_accepted()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,16", "[Linear(8, Name = \"hidden\")]", "[ReLU]", "[Linear(2, From = \"hidden\")]"));

        DiagnosticAssert.Clean(run);
    }
}
