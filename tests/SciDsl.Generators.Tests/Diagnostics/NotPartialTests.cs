using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>SD2006: the model class and its containing types must be partial.</summary>
public class NotPartialTests
{
    [Fact]
    public void Non_partial_model_class_is_reported_on_its_name()
    {
        var run = GeneratorHarness.Run(ModelSource.OfClass("public class Net;", "x: B,16", "[Linear(2)]"));

        DiagnosticAssert.Single(run, "SD2006", ModelSource.LayerLine(2), "'Net' must be declared partial");
    }

    [Fact]
    public void Partial_model_inside_a_non_partial_class_names_the_container()
    {
        const string source = """
            using SciDsl;

            public class Outer
            {
                [Model("x: B,16")]
                [Linear(2)]
                public partial class Net;
            }
            """;

        var run = GeneratorHarness.Run(source);

        DiagnosticAssert.Single(run, "SD2006", 7, "'Outer' must be declared partial", "(it contains 'Net')");
    }
}
