using System.Globalization;

namespace SciDsl.Benchmarks;

/// <summary>
/// <c>--loop [pairs]</c>: one epoch of the generated supervised loop against the bare hand-written loop
/// (<see cref="TrainingLoopCase"/>), interleaved as <see cref="PairedComparison"/> does, plus how long preparing the
/// epoch's batches takes beside the epoch.
/// </summary>
public static class TrainingLoopComparison
{
    public static void Run(int pairs)
    {
        using var loop = new TrainingLoopCase();
        loop.CheckSameTraining();
        Console.WriteLine($"Training loop, {BenchmarkSetup.Threads} thread(s), {TrainingLoopCase.Steps} steps of batch {TrainingLoopCase.BatchSize} per epoch, " +
            $"{pairs} pairs after {PairedComparison.WarmupPairs} warm-up pairs; load average {PairedComparison.LoadAverage()}");
        Console.WriteLine("| Model | work | hand-written median | generated median | ratio (median of pairs) | 95 % CI | generated − hand-written (median) |");
        Console.WriteLine("|---|---|---:|---:|---:|---|---:|");
        PairedComparison.Compare("DigitCnn", "one epoch", () => loop.HandWritten(), () => loop.Generated(), pairs);

        // A second epoch costs an epoch of the loop without the run's setup (checkpoint lock, data split, optimizer).
        var oneEpoch = new double[pairs];
        var twoEpochs = new double[pairs];
        for (int i = 0; i < pairs; i++)
        {
            oneEpoch[i] = PairedComparison.Time(() => loop.Generated(1));
            twoEpochs[i] = PairedComparison.Time(() => loop.Generated(2));
        }
        double setup = 2 * PairedComparison.Median(oneEpoch) - PairedComparison.Median(twoEpochs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated run: {PairedComparison.Median(oneEpoch):F2} ms for 1 epoch, {PairedComparison.Median(twoEpochs):F2} ms for 2 epochs (medians): about {setup:F2} ms of it is per-run setup"));

        var gather = Enumerable.Range(0, pairs).Select(_ => PairedComparison.Time(loop.GatherBatches)).ToArray();
        var epoch = Enumerable.Range(0, pairs).Select(_ => PairedComparison.Time(() => loop.HandWritten())).ToArray();
        double gatherMedian = PairedComparison.Median(gather), epochMedian = PairedComparison.Median(epoch);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batch preparation: {gatherMedian * 1000 / TrainingLoopCase.Steps:F1} µs per batch, {100 * gatherMedian / epochMedian:F2} % of a hand-written epoch ({epochMedian:F2} ms)"));
        Console.WriteLine($"load average at the end {PairedComparison.LoadAverage()}");
    }
}
