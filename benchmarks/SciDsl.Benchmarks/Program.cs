using BenchmarkDotNet.Running;
using SciDsl.Benchmarks;

// dotnet run -c Release --project benchmarks/SciDsl.Benchmarks -- --filter '*'   (see benchmarks/README.md)
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Create());
