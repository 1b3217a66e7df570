using System.Globalization;
using BenchmarkDotNet.Running;
using SciDsl.Benchmarks;

// dotnet run -c Release --project benchmarks/SciDsl.Benchmarks -- --filter '*'   (see benchmarks/README.md)
// dotnet run -c Release --project benchmarks/SciDsl.Benchmarks -- --paired [pairs]   (interleaved hand-written vs generated, one process)
// dotnet run -c Release --project benchmarks/SciDsl.Benchmarks -- --loop [pairs]   (generated training loop vs a bare hand-written one)
// dotnet run -c Release --project benchmarks/SciDsl.Benchmarks -- --ig [rounds]   (Integrated Gradients: naive loop vs batched, one process)
if (args is ["--ig", ..])
    IntegratedGradientsComparison.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40);
else if (args is ["--loop", ..])
    TrainingLoopComparison.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50);
else if (args is ["--paired", ..])
    PairedComparison.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200);
else
    BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Create());
