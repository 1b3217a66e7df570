using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;

namespace SciDsl.Benchmarks;

/// <summary>The default config plus the ratio to the baseline, managed allocations, and a stable order.</summary>
public static class BenchmarkConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddColumn(BaselineRatioColumn.RatioMean, BaselineRatioColumn.RatioStdDev)
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared))
        // BenchmarkDotNet builds each benchmark process from a generated project that turns off
        // Directory.Build.targets, and with it SciDsl's native-load fix (docs/native-load.md); without
        // the fix TorchSharp cannot load on hosts whose libstdc++ predates GCC 13. A mutator job applies
        // to every job, including those picked on the command line (--job short, ...).
        .AddJob(Job.Default.WithArguments([new MsBuildArgument("-p:ImportDirectoryBuildTargets=true")]).AsMutator());
}
