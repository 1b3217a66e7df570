using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>Diagnostics are reported at real source locations, so #pragma warning disable works.</summary>
public class PragmaSuppressionTests
{
    private const string Declaration = """
        [Model("x: B,1,8,8")]
        [Linear(10)]
        public partial class Net;
        """;

    [Fact]
    public void Pragma_around_the_declaration_suppresses_SD1001()
    {
        var run = GeneratorHarness.Run("using SciDsl;\n#pragma warning disable SD1001\n" + Declaration + "\n#pragma warning restore SD1001\n");

        Assert.Empty(run.Crashes);
        Assert.Empty(run.SciDslDiagnostics);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Pragma_for_another_id_does_not_suppress_SD1001()
    {
        var run = GeneratorHarness.Run("using SciDsl;\n#pragma warning disable SD1003\n" + Declaration + "\n");

        DiagnosticAssert.Single(run, "SD1001", 4, "insert [Flatten]");
    }
}
