using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// SD9999: an unexpected exception becomes a diagnostic naming the model instead of a crash.
/// The trigger is a real one: <c>[Output(null)]</c> passes a null array the parser does not expect.
/// (The earlier trigger, a dim whose constant is long.MinValue, is now SD1007.)
/// </summary>
public class InternalErrorTests
{
    private static readonly string NullOutputList = ModelSource.Of("x: B,8", "[Linear(2)]", "[Output(null)]");

    private static readonly int ClassLine = ModelSource.LayerLine(3);

    [Fact]
    public void Analyzer_reports_SD9999_on_the_class_name_when_parsing_throws()
    {
        var run = GeneratorHarness.Run(NullOutputList);

        DiagnosticAssert.Single(run, "SD9999", ClassLine, "SciDsl could not process 'Net'", "NullReferenceException");
    }

    [Fact]
    public void Generator_skips_the_declaration_instead_of_throwing()
    {
        var run = GeneratorHarness.Run(NullOutputList);

        Assert.Empty(run.Crashes);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Sources);
    }
}
