using BenchmarkDotNet.Attributes;
using SciDsl.Interpretability;
using SciDsl.Samples.Digits;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Benchmarks;

/// <summary>
/// Integrated Gradients on the generated <see cref="DigitCnn"/> for a batch of 32 digits at 64 steps: all 2,048
/// interpolation points in one batched pass vs. the naive loop of 64 separate forward/backward passes (one per step,
/// the batch of 32 each time).
/// </summary>
public class IntegratedGradientsBenchmarks
{
    private const int Steps = 64;
    private const int Batch = 32;
    private const long Target = 3;
    private DigitCnn model = null!;
    private Tensor x = null!;

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkSetup.ConfigureTorch();
        model = new DigitCnn();
        model.eval();
        x = rand(Batch, 1, 8, 8) * 16;
    }

    [Benchmark(Baseline = true)]
    public Tensor NaiveLoop()
    {
        using var scope = NewDisposeScope();
        var total = zeros_like(x);
        for (int step = 0; step < Steps; step++)
        {
            using var stepScope = NewDisposeScope();
            var point = ((step + 0.5) / Steps * x).detach().requires_grad_(true);
            var score = model.forward(point)[TensorIndex.Colon, Target].sum();
            total.add_(torch.autograd.grad(new[] { score }, new[] { point })[0]);
        }
        return (x * total / Steps).MoveToOuterDisposeScope();
    }

    [Benchmark]
    public Tensor Batched()
    {
        using var scope = NewDisposeScope();
        return IntegratedGradients.Compute(model, x, Target, steps: Steps, chunkSize: Steps * Batch)
            .Attributions.MoveToOuterDisposeScope();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        x.Dispose();
        model.Dispose();
    }
}
