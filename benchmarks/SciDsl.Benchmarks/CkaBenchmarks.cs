using BenchmarkDotNet.Attributes;
using SciDsl.Interpretability;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Benchmarks;

/// <summary>
/// Linear CKA between two layers' activations of 10,000 samples × 512 features (float32, as captured), computed in
/// feature space: the n × n Gram matrices would be 800 MB each in float64.
/// </summary>
public class CkaBenchmarks
{
    private const int Samples = 10_000;
    private const int Features = 512;
    private Tensor x = null!;
    private Tensor y = null!;

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkSetup.ConfigureTorch();
        x = randn(Samples, Features);
        y = tanh(x.mm(randn(Features, Features)) / Math.Sqrt(Features)) + 0.1f * randn(Samples, Features);
    }

    [Benchmark(Baseline = true)]
    public double Plain() => LinearCka.Compute(x, y);

    [Benchmark]
    public double Unbiased() => LinearCka.Unbiased(x, y);

    /// <summary>The same samples fed as ten minibatches of 1,000.</summary>
    [Benchmark]
    public double Minibatch()
    {
        var cka = new MinibatchCka();
        for (long start = 0; start < Samples; start += 1_000)
        {
            using var scope = NewDisposeScope();
            cka.Add(x.narrow(0, start, 1_000), y.narrow(0, start, 1_000));
        }
        return cka.Value;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        x.Dispose();
        y.Dispose();
    }
}
