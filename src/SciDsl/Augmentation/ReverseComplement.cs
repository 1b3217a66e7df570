using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>
/// Replaces each one-hot DNA sequence of a <c>[B,4,L]</c> batch (channels A, C, G, T) by its reverse complement with a
/// probability: positions reversed and A↔T, C↔G swapped. With the channel order A, C, G, T the complement is the channels reversed.
/// </summary>
public sealed class ReverseComplement : IAugmentation
{
    public ReverseComplement(double probability = 0.5)
    {
        AugmentationGuard.Probability(Name, probability);
        Probability = probability;
    }

    public string Name => "ReverseComplement";

    public double Probability { get; }

    public Tensor Apply(Tensor batch, torch.Generator generator)
    {
        AugmentationGuard.Rank(Name, batch, 3, "of one-hot DNA [B,4,L] (channels A,C,G,T)");
        if (batch.shape[1] != 4)
            throw new ArgumentException($"{Name} expects a batch of one-hot DNA [B,4,L] (channels A,C,G,T), got shape {AugmentationGuard.Shape(batch)}.", nameof(batch));
        using var coin = AugmentationRandom.Coin(generator, batch.shape[0], Probability, batch.device);
        using var complemented = batch.flip(1, 2);
        return AugmentationRandom.Choose(coin, complemented, batch);
    }
}
