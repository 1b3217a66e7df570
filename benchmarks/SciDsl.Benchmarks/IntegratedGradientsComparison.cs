using System.Diagnostics;
using System.Globalization;

namespace SciDsl.Benchmarks;

/// <summary>
/// <c>--ig [rounds]</c>: the forms of <see cref="IntegratedGradientsBenchmarks"/> timed in one process, one call of each
/// per round in rotating order (after as many warm-up rounds, at most 10), so load from other processes falls on all alike. Per form: the median wall-clock and
/// process CPU time of a call, and the median of the per-round ratios naive loop / form with a 95 % confidence interval.
/// On a loaded machine the CPU time is the steadier measure (it leaves out the time the process waited for a core).
/// </summary>
public static class IntegratedGradientsComparison
{
    public static void Run(int rounds)
    {
        int warmupRounds = Math.Min(PairedComparison.WarmupPairs, rounds);
        var cases = new IntegratedGradientsBenchmarks();
        cases.Setup();
        try
        {
            var forms = new (string Name, Action Call)[]
            {
                ("NaiveLoop (autograd.grad)", () => cases.NaiveLoop().Dispose()),
                ("NaiveLoopBackward (.backward, x.grad)", () => cases.NaiveLoopBackward().Dispose()),
                ("Batched (default chunk, 256 rows)", () => cases.Batched().Dispose()),
                ("BatchedOnePass (2,048 rows)", () => cases.BatchedOnePass().Dispose()),
                ("ForwardBackwardOnly (256-row chunks, floor)", () => cases.ForwardBackwardOnly().Dispose()),
                ("NaiveLoopOneSample (per-pass work)", () => cases.NaiveLoopOneSample().Dispose()),
            };
            Console.WriteLine($"Integrated Gradients, {IntegratedGradientsBenchmarks.Steps} steps × batch {IntegratedGradientsBenchmarks.Batch}, " +
                $"{TorchSharp.torch.get_num_threads()} torch thread(s), {rounds} rounds after {warmupRounds} warm-up rounds; load average {PairedComparison.LoadAverage()}");
            var wall = forms.Select(_ => new double[rounds]).ToArray();
            var cpu = forms.Select(_ => new double[rounds]).ToArray();
            for (int round = -warmupRounds; round < rounds; round++)
            {
                for (int k = 0; k < forms.Length; k++)
                {
                    int form = (k + Math.Max(round, 0)) % forms.Length;
                    var (wallMs, cpuMs) = Time(forms[form].Call);
                    if (round < 0) continue;
                    wall[form][round] = wallMs;
                    cpu[form][round] = cpuMs;
                }
            }
            Console.WriteLine("| Form | wall median | CPU median | naive / form, wall (95 % CI) | naive / form, CPU (95 % CI) |");
            Console.WriteLine("|---|---:|---:|---|---|");
            for (int form = 0; form < forms.Length; form++)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {forms[form].Name} | {PairedComparison.Median(wall[form]):F1} ms | {PairedComparison.Median(cpu[form]):F1} ms | {Ratio(wall[0], wall[form])} | {Ratio(cpu[0], cpu[form])} |"));
            Console.WriteLine($"load average at the end {PairedComparison.LoadAverage()}");
        }
        finally
        {
            cases.Cleanup();
        }
    }

    private static (double Wall, double Cpu) Time(Action call)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        double wall = PairedComparison.Time(call);
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
    }

    private static string Ratio(double[] naive, double[] form)
    {
        var ratios = naive.Zip(form, (n, f) => n / f).Order().ToArray();
        var (low, high) = PairedComparison.MedianInterval(ratios.Length);
        return string.Create(CultureInfo.InvariantCulture, $"{PairedComparison.Median(ratios):F2} ({ratios[low]:F2} – {ratios[high]:F2})");
    }
}
