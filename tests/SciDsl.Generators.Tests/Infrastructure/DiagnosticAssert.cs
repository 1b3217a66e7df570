using Microsoft.CodeAnalysis;

namespace SciDsl.Generators.Tests.Infrastructure;

/// <summary>Assertions over the SciDsl diagnostics of a run: all of them, none unexpected.</summary>
internal static class DiagnosticAssert
{
    /// <summary>
    /// Asserts the run reports exactly one SciDsl diagnostic, with <paramref name="id"/>, on the 1-based
    /// <paramref name="line"/> of the first source, whose message contains every one of <paramref name="words"/>;
    /// and that no source was generated for the invalid model.
    /// </summary>
    public static Diagnostic Single(GeneratorRun run, string id, int line, params string[] words)
    {
        Assert.Empty(run.Crashes);
        var diagnostic = Assert.Single(run.SciDslDiagnostics);
        AssertIs(diagnostic, id, line, words);
        Assert.Empty(run.Sources);
        return diagnostic;
    }

    public static void AssertIs(Diagnostic diagnostic, string id, int line, params string[] words)
    {
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.True(diagnostic.Location.IsInSource, $"{diagnostic} has no source location");
        Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        foreach (string word in words) Assert.Contains(word, message);
    }

    /// <summary>A valid model: no SciDsl diagnostics, no crash, and the output compiles with zero errors and no warning in generated code.</summary>
    public static void Clean(GeneratorRun run)
    {
        Assert.Empty(run.Crashes);
        Assert.Empty(run.SciDslDiagnostics);
        Assert.Empty(run.CompileErrors);
        Assert.Empty(run.GeneratedCodeWarnings);
        Assert.NotEmpty(run.Sources);
    }
}
