using static TorchSharp.torch;

namespace SciDsl;

/// <summary>Argument checks shared by the augmentations; messages name the augmentation and quote what was received.</summary>
internal static class AugmentationGuard
{
    public static void Rank(string augmentation, Tensor batch, int rank, string layout)
    {
        if (batch.dim() != rank)
            throw new ArgumentException($"{augmentation} expects a batch {layout} (rank {rank}), got shape {Shape(batch)}.", nameof(batch));
    }

    public static void FloatingPoint(string augmentation, Tensor batch)
    {
        if (!batch.is_floating_point())
            throw new ArgumentException($"{augmentation} expects a floating-point batch, got {batch.dtype} with shape {Shape(batch)}.", nameof(batch));
    }

    public static void Probability(string augmentation, double probability)
    {
        if (!(probability is >= 0 and <= 1))
            throw new ArgumentException($"{augmentation}: probability must be in [0, 1], got {probability}.", nameof(probability));
    }

    public static void NonNegative(string augmentation, string argument, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentException($"{augmentation}: {argument} must be a finite number >= 0, got {value}.", argument);
    }

    public static string Shape(Tensor tensor) => "[" + string.Join(", ", tensor.shape) + "]";
}
