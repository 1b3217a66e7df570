using BenchmarkDotNet.Attributes;

namespace SciDsl.Benchmarks;

/// <summary>
/// One epoch (32 steps at batch 64) of the generated supervised loop against a bare hand-written TorchSharp loop over the
/// same model, batches and initial weights (<see cref="TrainingLoopCase"/>); <c>GatherBatches</c> is the epoch's data
/// loading alone.
/// </summary>
public class TrainingLoopBenchmarks
{
    private TrainingLoopCase loop = null!;

    [GlobalSetup]
    public void Setup()
    {
        loop = new TrainingLoopCase();
        loop.CheckSameTraining();
    }

    [Benchmark(Baseline = true)]
    public double HandWritten() => loop.HandWritten();

    [Benchmark]
    public double Generated() => loop.Generated();

    [Benchmark]
    public void GatherBatches() => loop.GatherBatches();

    [GlobalCleanup]
    public void Cleanup() => loop.Dispose();
}
