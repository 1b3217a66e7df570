using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SciDsl.Generators;

namespace SciDsl.Benchmarks;

/// <summary>
/// <see cref="ModelGenerator"/> against <see cref="SciDslAnalyzer"/> over the same compilation of
/// <see cref="ModelCount"/> small models, one file each. The analyzer parses and shape-checks every
/// model; the generator does the same and emits two files per model, so the ratio is what emission
/// and the incremental pipeline cost on top. Each invocation gets a fresh clone of the compilation,
/// so neither side finds symbols or attributes bound by an earlier one.
/// </summary>
public class GeneratorBenchmarks
{
    public const int ModelCount = 500;

    private CSharpCompilation compilation = null!;
    private CSharpCompilation fresh = null!;

    [GlobalSetup]
    public void BuildCompilation()
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = Enumerable.Range(0, ModelCount).Select(i => CSharpSyntaxTree.ParseText(ModelSourceText(i), parseOptions, $"/src/Model{i}.cs"));
        compilation = CSharpCompilation.Create("GeneratorBenchmark", trees, References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var generated = CSharpGeneratorDriver.Create(new ModelGenerator()).RunGenerators(compilation).GetRunResult();
        if (generated.GeneratedTrees.Length != 2 * ModelCount || !generated.Diagnostics.IsEmpty)
            throw new InvalidOperationException($"expected {2 * ModelCount} generated files and no diagnostics, got {generated.GeneratedTrees.Length} and {generated.Diagnostics.Length}");
    }

    [IterationSetup]
    public void CloneCompilation() => fresh = compilation.Clone();

    [Benchmark(Baseline = true)]
    public ImmutableArray<Diagnostic> Analyzer() =>
        fresh.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SciDslAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

    [Benchmark]
    public GeneratorDriverRunResult Generator() =>
        CSharpGeneratorDriver.Create(new ModelGenerator()).RunGenerators(fresh).GetRunResult();

    /// <summary>Small models of the kinds the samples declare: a CNN, an MLP with a symbolic width, a 1-D conv net.</summary>
    public static string ModelSourceText(int index) => (index % 3) switch
    {
        0 => $$"""
            using SciDsl;
            namespace Bench.N{{index}};
            [Model("x: B,1,8,8")]
            [Conv2d(16, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
            [Conv2d(32, Kernel = 3, Padding = 1, Name = "conv2"), ReLU, MaxPool2d(2)]
            [Flatten]
            [Linear(64), ReLU, Dropout(0.25)]
            [Linear(10)]
            public partial class Cnn{{index}};
            """,
        1 => $$"""
            using SciDsl;
            namespace Bench.N{{index}};
            [Model("x: B,16")]
            [Linear("H"), GELU, LayerNorm]
            [Linear(32), ReLU]
            [Linear(3)]
            public partial class Mlp{{index}};
            """,
        _ => $$"""
            using SciDsl;
            namespace Bench.N{{index}};
            [Model("x: B,4,T")]
            [Conv1d(16, Kernel = 5, Padding = 2), BatchNorm1d, ReLU, AvgPool1d(2)]
            [Conv1d(32, Kernel = 3, Stride = 2, Name = "conv2"), BatchNorm1d, ReLU]
            [GlobalAvgPool]
            [Linear(5)]
            public partial class SignalNet{{index}};
            """,
    };

    private static IEnumerable<MetadataReference> References()
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == runtime);
        var libraries = new[] { typeof(ModelAttribute).Assembly.Location, typeof(TorchSharp.torch).Assembly.Location };
        return framework.Concat(libraries).Distinct().Select(path => MetadataReference.CreateFromFile(path));
    }
}
