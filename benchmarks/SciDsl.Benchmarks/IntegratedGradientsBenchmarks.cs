using BenchmarkDotNet.Attributes;
using SciDsl.Interpretability;
using SciDsl.Samples.Digits;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Benchmarks;

/// <summary>
/// Integrated Gradients on the generated <see cref="DigitCnn"/> for a batch of 32 digits at 64 steps (zero baseline,
/// midpoint rule): the naive loop of 64 separate forward/backward passes (one per step, the batch of 32 each time)
/// against <see cref="IntegratedGradients.Compute"/>, which evaluates the 2,048 interpolation points in chunks of rows.
/// </summary>
public class IntegratedGradientsBenchmarks
{
    public const int Steps = 64;
    public const int Batch = 32;
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
        CheckSameAttributions();
    }

    /// <summary>Every form measured computes the same attributions (float32 sums in another order: 1e-4).</summary>
    private void CheckSameAttributions()
    {
        using var scope = NewDisposeScope();
        var reference = NaiveLoop();
        foreach (var (name, attributions) in new[]
                 {
                     (nameof(NaiveLoopBackward), NaiveLoopBackward()), (nameof(Batched), Batched()),
                     (nameof(BatchedOnePass), BatchedOnePass()), (nameof(ForwardBackwardOnly), ForwardBackwardOnly()),
                 })
        {
            if (!attributions.allclose(reference, rtol: 1e-4, atol: 1e-4))
                throw new InvalidOperationException(
                    $"{name} differs from {nameof(NaiveLoop)} by up to {(attributions - reference).abs().max().item<float>()}.");
        }
    }

    /// <summary>Per step, the batch's gradient by <c>torch.autograd.grad</c> (input gradients only: no weight-gradient kernels).</summary>
    [Benchmark(Baseline = true)]
    public Tensor NaiveLoop() => Naive(x, point =>
        torch.autograd.grad(new[] { Score(point) }, new[] { point })[0]);

    /// <summary>
    /// Per step, <c>backward()</c> and the input's <c>.grad</c>, as a first attempt reads: the parameters keep
    /// <c>requires_grad</c>, so each pass also computes and accumulates the weights' gradients.
    /// </summary>
    [Benchmark]
    public Tensor NaiveLoopBackward() => Naive(x, point =>
    {
        Score(point).backward();
        return point.grad!;
    });

    /// <summary>The library at its default chunk (256 rows: 8 passes).</summary>
    [Benchmark]
    public Tensor Batched() => Attribute(chunkSize: null);

    /// <summary>The library with all 2,048 rows in one pass.</summary>
    [Benchmark]
    public Tensor BatchedOnePass() => Attribute(chunkSize: Steps * Batch);

    /// <summary>The naive loop on one sample: its 64 passes cost almost only the fixed per-pass work.</summary>
    public Tensor NaiveLoopOneSample() => Naive(x.narrow(0, 0, 1), point =>
        torch.autograd.grad(new[] { Score(point) }, new[] { point })[0]);

    /// <summary>
    /// The floor for any batched form: forward and input gradient of the 2,048 points in chunks of 256 rows, with nothing
    /// else (no checks, no quadrature weights, no float64 sum, no convergence delta).
    /// </summary>
    public Tensor ForwardBackwardOnly()
    {
        using var scope = NewDisposeScope();
        const int chunk = 256;
        var points = (arange(0.5, Steps, 1.0).div(Steps).reshape(-1, 1, 1, 1, 1) * x).reshape(Steps * Batch, 1, 8, 8);
        var gradients = new List<Tensor>();
        foreach (var parameter in model.parameters()) parameter.requires_grad_(false);
        for (long start = 0; start < Steps * Batch; start += chunk)
        {
            var point = points.narrow(0, start, chunk).detach().requires_grad_(true);
            gradients.Add(torch.autograd.grad(new[] { Score(point) }, new[] { point })[0]);
        }
        foreach (var parameter in model.parameters()) parameter.requires_grad_(true);
        return (x * cat(gradients).reshape(Steps, Batch, 1, 8, 8).sum(dim: 0) / Steps).MoveToOuterDisposeScope();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        x.Dispose();
        model.Dispose();
    }

    private Tensor Naive(Tensor input, Func<Tensor, Tensor> gradientAt)
    {
        using var scope = NewDisposeScope();
        var total = zeros_like(input);
        for (int step = 0; step < Steps; step++)
        {
            using var stepScope = NewDisposeScope();
            var point = ((step + 0.5) / Steps * input).detach().requires_grad_(true);
            total.add_(gradientAt(point));
        }
        return (input * total / Steps).MoveToOuterDisposeScope();
    }

    private Tensor Score(Tensor point) => model.forward(point)[TensorIndex.Colon, Target].sum();

    private Tensor Attribute(int? chunkSize)
    {
        using var scope = NewDisposeScope();
        var result = chunkSize is { } rows
            ? IntegratedGradients.Compute(model, x, Target, steps: Steps, chunkSize: rows)
            : IntegratedGradients.Compute(model, x, Target, steps: Steps);
        return result.Attributions.MoveToOuterDisposeScope();
    }
}
