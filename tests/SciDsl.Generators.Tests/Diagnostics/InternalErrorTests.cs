using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// SD9999: an unexpected exception becomes a diagnostic naming the model instead of a crash.
/// The trigger is a real one: a dim whose constant is long.MinValue cannot be printed
/// (Math.Abs overflows), which happens while a message or the source is formatted.
/// </summary>
public class InternalErrorTests
{
    private const string UnprintableDim = "x: B,H - 9223372036854775807 - 1";

    [Fact]
    public void Analyzer_reports_SD9999_on_the_class_name_when_formatting_a_message_throws()
    {
        var run = GeneratorHarness.Run(ModelSource.Of(UnprintableDim, "[Conv2d(2, Kernel = 1)]"));

        DiagnosticAssert.Single(run, "SD9999", ModelSource.LayerLine(2), "SciDsl could not process 'Net'", "OverflowException");
    }

    [Fact]
    public void Generator_reports_SD9999_instead_of_throwing_when_emission_fails()
    {
        var run = GeneratorHarness.Run(ModelSource.Of(UnprintableDim, "[Linear(2)]"));

        Assert.Empty(run.Crashes);
        var diagnostic = Assert.Single(run.SciDslDiagnostics);
        Assert.Equal("SD9999", diagnostic.Id);
        Assert.Contains("'Net'", diagnostic.GetMessage());
        Assert.Empty(run.Sources);
    }
}
