using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>SD2007: a record cannot be a SciDsl declaration; without it the generator would silently skip it.</summary>
public class NotAClassTests
{
    [Fact]
    public void Model_record_is_reported_on_its_name()
    {
        var run = GeneratorHarness.Run(ModelSource.OfClass("public partial record Net;", "x: B,16", "[Linear(2)]"));

        DiagnosticAssert.Single(run, "SD2007", ModelSource.LayerLine(2), "'Net' is a record", "[Model] declarations must be partial classes");
    }

    [Fact]
    public void Dataset_record_is_reported_too()
    {
        const string source = """
            using SciDsl;

            [Dataset("x: 4", Target = "class: 3")]
            public partial record Samples : IDataSource
            {
                public LabelledData Load() => throw new System.NotSupportedException();
            }
            """;

        var run = GeneratorHarness.Run(source);

        DiagnosticAssert.Single(run, "SD2007", 4, "'Samples' is a record", "[Dataset]");
    }
}
