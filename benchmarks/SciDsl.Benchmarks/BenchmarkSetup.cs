using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Benchmarks;

/// <summary>Settings every benchmark shares, so the compared sides run under the same conditions.</summary>
public static class BenchmarkSetup
{
    /// <summary>Seed for weights, inputs and labels.</summary>
    public const int Seed = 42;

    /// <summary>
    /// Intra-op threads for TorchSharp and ONNX Runtime alike: <c>SCIDSL_BENCH_THREADS</c>, else 1
    /// (steadiest numbers on a small shared machine). Benchmark processes inherit the variable.
    /// </summary>
    public static int Threads { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("SCIDSL_BENCH_THREADS"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : 1;

    /// <summary>Fixes TorchSharp's thread count and seeds its generator.</summary>
    public static void ConfigureTorch()
    {
        torch.set_num_threads(Threads);
        torch.manual_seed(Seed);
    }

    /// <summary>Copies <paramref name="source"/>'s parameters into <paramref name="target"/> (same architecture, same order).</summary>
    public static void CopyParameters(nn.Module source, nn.Module target)
    {
        var from = source.parameters().ToArray();
        var to = target.parameters().ToArray();
        if (from.Length != to.Length)
            throw new InvalidOperationException($"{from.Length} parameters in {source.GetName()}, {to.Length} in {target.GetName()}.");
        using var noGrad = torch.no_grad();
        for (int i = 0; i < from.Length; i++)
        {
            if (!from[i].shape.SequenceEqual(to[i].shape))
                throw new InvalidOperationException($"Parameter {i}: [{string.Join(", ", from[i].shape)}] vs [{string.Join(", ", to[i].shape)}].");
            to[i].copy_(from[i]);
        }
    }

    /// <summary>Deterministic standard-normal-ish input data (for both TorchSharp and ONNX Runtime inputs).</summary>
    public static float[] RandomInput(int count)
    {
        var random = new Random(Seed);
        var data = new float[count];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
        return data;
    }
}
