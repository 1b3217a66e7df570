using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Benchmarks;

/// <summary>
/// <c>--paired [pairs]</c>: the training steps of <see cref="ArchitectureTrainingStepBenchmarks"/>, and eval forwards at
/// batch 1, timed in one process, hand-written and generated interleaved call by call (order alternating), so that
/// load from other processes falls on both alike. Reports the median of the per-pair ratios generated / hand-written with a 95 % confidence
/// interval (order statistics of the median), which BenchmarkDotNet's one-process-per-method runs cannot give on
/// a busy machine.
/// </summary>
public static class PairedComparison
{
    internal const int WarmupPairs = 10;

    public static void Run(int pairs)
    {
        Console.WriteLine($"Paired comparison, {BenchmarkSetup.Threads} thread(s), {pairs} pairs after {WarmupPairs} warm-up pairs; load average {LoadAverage()}");
        Console.WriteLine("| Architecture | work | hand-written median | generated median | ratio (median of pairs) | 95 % CI | generated − hand-written (median) |");
        Console.WriteLine("|---|---|---:|---:|---:|---|---:|");
        foreach (string architecture in new[] { ArchitectureCases.ResNet, ArchitectureCases.Lstm, ArchitectureCases.Transformer })
        {
            var steps = new ArchitectureTrainingStepBenchmarks { Architecture = architecture };
            steps.Setup();
            try
            {
                Compare(architecture, $"training step, batch {ArchitectureTrainingStepBenchmarks.BatchSize}", steps.HandWritten, steps.Generated, pairs);
            }
            finally
            {
                steps.Cleanup();
            }

            // Eval forward at batch 1: the fixed per-call work (input checks, glue) is largest beside the computation here.
            using var generated = ArchitectureCases.Generated(architecture);
            using var handWritten = ArchitectureCases.HandWritten(architecture, generated);
            using var input = ArchitectureCases.Input(architecture, 1);
            ArchitectureCases.CheckSameOutput(handWritten, generated, input);
            Compare(architecture, "eval forward, batch 1", () => Forward(handWritten, input), () => Forward(generated, input), pairs);
        }
        Console.WriteLine($"load average at the end {LoadAverage()}");
    }

    private static void Forward(nn.Module<Tensor, Tensor> model, Tensor input)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        model.forward(input);
    }

    /// <summary>Times <paramref name="handWritten"/> and <paramref name="generated"/> in alternating order and prints one row.</summary>
    internal static void Compare(string architecture, string work, Action handWritten, Action generated, int pairs)
    {
        var handWrittenTimes = new double[pairs];
        var generatedTimes = new double[pairs];
        for (int i = -WarmupPairs; i < pairs; i++)
        {
            bool handWrittenFirst = (i & 1) == 0;
            double first = Time(handWrittenFirst ? handWritten : generated);
            double second = Time(handWrittenFirst ? generated : handWritten);
            if (i < 0) continue;
            handWrittenTimes[i] = handWrittenFirst ? first : second;
            generatedTimes[i] = handWrittenFirst ? second : first;
        }
        var ratios = generatedTimes.Zip(handWrittenTimes, (g, h) => g / h).Order().ToArray();
        var (low, high) = MedianInterval(pairs);
        double difference = Median(generatedTimes.Zip(handWrittenTimes, (g, h) => g - h));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {architecture} | {work} | {Median(handWrittenTimes):F3} ms | {Median(generatedTimes):F3} ms | {Median(ratios):F3} | {ratios[low]:F3} – {ratios[high]:F3} | {difference * 1000:F1} µs |"));
    }

    internal static double Time(Action step)
    {
        long start = Stopwatch.GetTimestamp();
        step();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>
    /// 0-based ranks in the sorted sample that bound the median with ≈ 95 % confidence: the 1-based ranks
    /// ⌊n/2 − 1.96·√n/2⌋ and ⌈1 + n/2 + 1.96·√n/2⌉ (normal approximation to the binomial).
    /// </summary>
    internal static (int Low, int High) MedianInterval(int n)
    {
        double spread = 1.96 * Math.Sqrt(n) / 2;
        return (Math.Max(0, (int)Math.Floor(n / 2.0 - spread) - 1), Math.Min(n - 1, (int)Math.Ceiling(1 + n / 2.0 + spread) - 1));
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
