using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>Soft (probability) targets for mixing, and the cross-entropy that trains on them.</summary>
public static class SoftTargets
{
    /// <summary>
    /// Class indices <c>[B]</c> (int64) become one-hot rows <c>[B,classCount]</c>; floating-point <c>[B,classCount]</c>
    /// targets (one-hot or soft) are taken as they are.
    /// </summary>
    public static Tensor From(string augmentation, Tensor targets, long batchSize, long classCount, Device device)
    {
        if (targets.dim() == 1 && targets.dtype == ScalarType.Int64 && targets.shape[0] == batchSize)
        {
            if (targets.numel() > 0 && (targets.min().item<long>() < 0 || targets.max().item<long>() >= classCount))
                throw new ArgumentException($"{augmentation}: class indices must be in [0, {classCount}), got values from {targets.min().item<long>()} to {targets.max().item<long>()}.", nameof(targets));
            return torch.nn.functional.one_hot(targets, classCount).to(ScalarType.Float32).to(device);
        }
        if (targets.dim() == 2 && targets.is_floating_point() && targets.shape[0] == batchSize && targets.shape[1] == classCount)
            return targets.to(device);
        throw new ArgumentException($"{augmentation} expects targets as class indices [{batchSize}] (int64) or probabilities [{batchSize}, {classCount}] (floating point), got {targets.dtype} with shape {AugmentationGuard.Shape(targets)}.", nameof(targets));
    }

    /// <summary>Mean over the batch of −Σ target·log_softmax(logits): cross-entropy against soft targets <c>[B,K]</c>.</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor targets)
    {
        if (logits.dim() != 2 || !logits.shape.SequenceEqual(targets.shape))
            throw new ArgumentException($"SoftTargets.CrossEntropy expects logits and targets of the same shape [B,K], got {AugmentationGuard.Shape(logits)} and {AugmentationGuard.Shape(targets)}.", nameof(targets));
        using var logProbabilities = logits.log_softmax(1);
        using var perSample = (targets * logProbabilities).sum(1);
        return -perSample.mean();
    }
}
