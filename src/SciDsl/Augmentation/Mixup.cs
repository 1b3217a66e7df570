using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>
/// Mixup (Zhang et al., 2018): draws λ ~ Beta(<see cref="Alpha"/>, <see cref="Alpha"/>) once per batch and a random
/// partner for each sample, and returns λ·x + (1-λ)·x[partner] with targets mixed the same way.
/// Train on the result with <see cref="SoftTargets.CrossEntropy"/>.
/// </summary>
public sealed class Mixup
{
    public Mixup(double alpha = 0.2)
    {
        MixingRandom.CheckAlpha(nameof(Mixup), alpha);
        Alpha = alpha;
    }

    public double Alpha { get; }

    /// <param name="inputs">A batch of any layout, <c>[B,...]</c>, floating point.</param>
    /// <param name="targets">Class indices <c>[B]</c> or probabilities <c>[B,classCount]</c>.</param>
    public MixedBatch Apply(Tensor inputs, Tensor targets, long classCount, torch.Generator generator)
    {
        if (inputs.dim() < 1) throw new ArgumentException($"{nameof(Mixup)} expects a batch [B,...], got a scalar.", nameof(inputs));
        AugmentationGuard.FloatingPoint(nameof(Mixup), inputs);
        long count = inputs.shape[0];
        using var soft = SoftTargets.From(nameof(Mixup), targets, count, classCount, inputs.device);
        double lambda = MixingRandom.Lambda(generator, Alpha);
        var partners = MixingRandom.Partners(generator, count, inputs.device);
        using var partnerInputs = inputs.index_select(0, partners);
        using var partnerTargets = soft.index_select(0, partners);
        return new MixedBatch(inputs * lambda + partnerInputs * (1 - lambda), soft * lambda + partnerTargets * (1 - lambda), lambda, partners);
    }
}
