using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>
/// SmoothGrad (Smilkov et al., 2017): the target score's gradient averaged over copies of the input with Gaussian
/// noise added, which smooths the noisy gradients of ReLU networks.
/// </summary>
public static class SmoothGrad
{
    /// <summary>
    /// The mean of ∂y_target/∂x over <paramref name="samples"/> noisy copies of each sample of <paramref name="x"/>
    /// [B, ...]. The noise standard deviation is <paramref name="noiseLevel"/> times each sample's range (max − min).
    /// All noisy copies of the batch (copy-major) are evaluated <paramref name="chunkSize"/> rows per forward/backward pass. The same
    /// <paramref name="seed"/> gives the same noise. The model is left as it was.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// samples or chunkSize ≤ 0, a negative noise level, x that does not fit the model or holds NaN, or a target outside
    /// the output width.
    /// </exception>
    public static Tensor Compute(
        nn.Module<Tensor, Tensor> model, Tensor x, long target,
        double noiseLevel = 0.15, int samples = 32, long seed = 0, int chunkSize = 256) =>
        Compute(model, AttributionModel.OneInput(model, x), target, noiseLevel, samples, seed, chunkSize).Values.Single();

    /// <summary>
    /// SmoothGrad for a model with several inputs: every noisy copy adds noise to each floating-point input (σ from each
    /// input's own per-sample range) and repeats the integer inputs unchanged. Returns the mean gradient of each
    /// floating-point input by name, of its input's shape. Chunked and seeded like the one-input method.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// samples or chunkSize ≤ 0, a negative noise level, inputs the model does not take or that hold NaN, or a target
    /// outside the output width.
    /// </exception>
    public static IReadOnlyDictionary<string, Tensor> Compute(
        nn.Module model, ModelInputs inputs, long target,
        double noiseLevel = 0.15, int samples = 32, long seed = 0, int chunkSize = 256)
    {
        const string method = nameof(SmoothGrad);
        if (samples <= 0)
            throw new ArgumentOutOfRangeException(nameof(samples), samples, $"{method}: samples must be at least 1.");
        if (!(noiseLevel >= 0 && double.IsFinite(noiseLevel)))
            throw new ArgumentOutOfRangeException(nameof(noiseLevel), noiseLevel, $"{method}: the noise level is a fraction of the input range and must be finite and ≥ 0.");
        using var borrowed = AttributionModel.Borrow(model, inputs, method);
        using var scope = NewDisposeScope();

        long batch = borrowed.Batch;
        // All noise is drawn at once, input by input, so the same seed gives the same noise whatever the chunk size; it
        // is the size of the noisy copies, small beside the activations the chunks bound.
        using var generator = new Generator((ulong)seed);
        var scaledNoise = borrowed.Inputs.Select((input, i) => borrowed.Attributed[i] ? ScaledNoise(input, noiseLevel, samples, generator) : null).ToArray();
        var totals = borrowed.SumGradients(
            samples * batch, chunkSize, target,
            pointsOf: (row, sample) => borrowed.Inputs
                .Select((input, i) => scaledNoise[i] is { } noise ? input.index_select(0, sample) + noise.index_select(0, row) : input.index_select(0, sample))
                .ToArray());
        return borrowed.ByName(totals.Select((total, i) => total is null ? null : (total / samples).to(borrowed.Inputs[i].dtype)).ToArray());
    }

    /// <summary>Noise for <paramref name="samples"/> copies of the batch (copy-major, [samples·B, ...]), σ = noise level × each sample's range.</summary>
    private static Tensor ScaledNoise(Tensor input, double noiseLevel, int samples, Generator generator)
    {
        long batch = input.shape[0];
        var flat = input.reshape(batch, -1);
        var sigma = AttributionModel.PerRow(noiseLevel * (flat.amax(1) - flat.amin(1)), input);
        var noise = randn(new long[] { samples }.Concat(input.shape).ToArray(), input.dtype, generator: generator) * sigma;
        return noise.reshape(new long[] { samples * batch }.Concat(input.shape.Skip(1)).ToArray());
    }
}
