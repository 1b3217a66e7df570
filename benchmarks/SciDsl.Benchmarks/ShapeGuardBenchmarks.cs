using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;
using SciDsl.Samples.Digits;

namespace SciDsl.Benchmarks;

/// <summary>
/// The one statement the generated <c>forward</c> adds to the hand-written one: the input shape guard.
/// Measured alone, so its share of a training step can be read without the step's run-to-run noise.
/// </summary>
public class ShapeGuardBenchmarks
{
    private Tensor input = null!;

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkSetup.ConfigureTorch();
        input = torch.zeros(TrainingStepBenchmarks.BatchSize, 1, 8, 8);
    }

    /// <summary>Exactly what the generated <c>DigitCnn.forward</c> runs before its first layer.</summary>
    [Benchmark]
    public void GeneratedForwardGuard() =>
        new ShapeGuard(DigitCnn.Signature.Model).Check(DigitCnn.Signature.Inputs[0], input);

    [GlobalCleanup]
    public void Cleanup() => input.Dispose();
}
