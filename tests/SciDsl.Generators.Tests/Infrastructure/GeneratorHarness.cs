using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SciDsl.Generators.Tests.Infrastructure;

/// <summary>
/// Compiles source text against the .NET runtime, SciDsl and TorchSharp, runs <see cref="ModelGenerator"/>
/// and <see cref="SciDslAnalyzer"/> the way a build does, and returns everything tests look at.
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static readonly CSharpCompilationOptions CompilationOptions =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    public static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>The file path of the i-th source passed to <see cref="Compile"/>.</summary>
    public static string PathOf(int index) => $"/src/Input{index}.cs";

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create("SciDslTests",
            sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, ParseOptions, PathOf(i))),
            References.Value, CompilationOptions);

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new ModelGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(params string[] sources) => Run(Compile(sources));

    public static GeneratorRun Run(Compilation compilation) => Run(CreateDriver(), compilation);

    /// <summary>Runs <paramref name="driver"/> (fresh or from an earlier run) over <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var result = driver.GetRunResult();
        var analyzerExceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, _, _) => analyzerExceptions.Add(exception),
            concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        var analyzerDiagnostics = output
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SciDslAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return new GeneratorRun(driver, result, output, generatorDiagnostics, analyzerDiagnostics,
            output.GetDiagnostics(), analyzerExceptions.ToImmutableArray());
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == runtime);
        var libraries = new[] { typeof(SciDsl.ModelAttribute).Assembly.Location, typeof(TorchSharp.torch).Assembly.Location };
        return framework.Concat(libraries).Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}

/// <summary>The outcome of one generator and analyzer run.</summary>
/// <param name="CompileDiagnostics">The output compilation's own diagnostics (user code plus generated code).</param>
/// <param name="AnalyzerExceptions">Exceptions the analyzer threw (each would be AD0001 in a build).</param>
internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    GeneratorDriverRunResult Result,
    Compilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> AnalyzerDiagnostics,
    ImmutableArray<Diagnostic> CompileDiagnostics,
    ImmutableArray<Exception> AnalyzerExceptions)
{
    public ImmutableArray<GeneratedSourceResult> Sources =>
        Result.Results.SelectMany(r => r.GeneratedSources).ToImmutableArray();

    /// <summary>The generated file whose hint name ends with <paramref name="suffix"/>, e.g. <c>Mlp.Module.g.cs</c>.</summary>
    public string Source(string suffix) =>
        Sources.Single(s => s.HintName.EndsWith(suffix, StringComparison.Ordinal)).SourceText.ToString();

    /// <summary>Every SDxxxx diagnostic, from the generator and the analyzer.</summary>
    public ImmutableArray<Diagnostic> SciDslDiagnostics =>
        GeneratorDiagnostics.Concat(AnalyzerDiagnostics).Where(d => d.Id.StartsWith("SD", StringComparison.Ordinal)).ToImmutableArray();

    public ImmutableArray<Diagnostic> CompileErrors =>
        CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();

    /// <summary>Warnings inside generated files: each fails a build with TreatWarningsAsErrors (CS0108 when a member is hidden).</summary>
    public ImmutableArray<Diagnostic> GeneratedCodeWarnings =>
        CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning && Sources.Any(s => s.SyntaxTree == d.Location.SourceTree))
            .ToImmutableArray();

    /// <summary>What a crashing generator or analyzer leaves behind: CS8785, AD0001, or a captured exception.</summary>
    public IEnumerable<string> Crashes =>
        Result.Results.Where(r => r.Exception is not null).Select(r => $"generator threw {r.Exception}")
            .Concat(GeneratorDiagnostics.Concat(AnalyzerDiagnostics).Concat(CompileDiagnostics)
                .Where(d => d.Id is "CS8785" or "AD0001").Select(d => d.ToString()))
            .Concat(AnalyzerExceptions.Select(e => $"analyzer threw {e}"));
}
