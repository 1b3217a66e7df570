using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>
/// Turns captured activations into the [samples, features] float64 matrices the similarity measures and probes work
/// on, and checks the pairs they compare, so every method reports bad input the same way.
/// </summary>
internal static class ActivationMatrix
{
    /// <summary>
    /// <paramref name="activations"/> as a float64 [n, features] matrix: the first dimension is the sample, all others
    /// (channels, positions, ...) are flattened per sample.
    /// </summary>
    public static Tensor Flatten(Tensor activations, string method, string argument)
    {
        ArgumentNullException.ThrowIfNull(activations, argument);
        if (activations.dim() < 2)
            throw new ArgumentException(
                $"{method}: {argument} has shape {Format(activations)}; expected [samples, features, ...] (rank 2 or more).",
                argument);
        return activations.reshape(activations.shape[0], -1).to_type(ScalarType.Float64);
    }

    /// <summary>Checks that two activation sets hold the same samples, and at least <paramref name="minSamples"/> of them.</summary>
    public static void CheckPair(Tensor x, Tensor y, string method, int minSamples)
    {
        if (x.shape[0] != y.shape[0])
            throw new ArgumentException(
                $"{method}: x has shape {Format(x)} and y has shape {Format(y)}; both need the same number of samples in the first dimension.");
        if (x.shape[0] < minSamples)
            throw new ArgumentException(
                $"{method}: x has shape {Format(x)} and y has shape {Format(y)}; at least {minSamples} samples are needed.");
    }

    /// <summary><paramref name="matrix"/> minus its column means.</summary>
    public static Tensor Centre(Tensor matrix) => matrix - matrix.mean([0L], keepdim: true);

    /// <summary>Squared Frobenius norm, as a double.</summary>
    public static double SquaredNorm(Tensor matrix) => matrix.square().sum().item<double>();

    public static string Format(Tensor tensor) => $"[{string.Join(", ", tensor.shape)}]";
}
