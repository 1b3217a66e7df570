using BenchmarkDotNet.Attributes;
using SciDsl.Generators.Shapes;

namespace SciDsl.Benchmarks;

/// <summary>
/// Parsing and normalising a sum of <see cref="Symbols"/> distinct size symbols, <c>S0 + S1 + …</c>.
/// Normalising after every term made this quadratic (24 s for 6,000 symbols); one normalisation
/// of the whole sum keeps it near-linear.
/// </summary>
public class DimBenchmarks
{
    private string sum = "";

    [Params(1_000, 6_000)]
    public int Symbols { get; set; }

    [GlobalSetup]
    public void WriteSum() => sum = string.Join(" + ", Enumerable.Range(0, Symbols).Select(i => $"S{i}"));

    [Benchmark]
    public int ParseSum() => DimParser.Parse(sum, out _)!.Terms.Count;
}
