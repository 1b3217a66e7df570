using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>Mirrors each image of a <c>[B,C,H,W]</c> batch left-right (horizontal) or upside down (vertical) with a probability.</summary>
public sealed class ImageFlip : IAugmentation
{
    private readonly long axis;

    public ImageFlip(bool horizontal, double probability = 0.5)
    {
        Name = horizontal ? "FlipHorizontal" : "FlipVertical";
        AugmentationGuard.Probability(Name, probability);
        axis = horizontal ? 3 : 2;
        Probability = probability;
    }

    public string Name { get; }

    public double Probability { get; }

    public Tensor Apply(Tensor batch, torch.Generator generator)
    {
        AugmentationGuard.Rank(Name, batch, 4, "of images [B,C,H,W]");
        using var coin = AugmentationRandom.Coin(generator, batch.shape[0], Probability, batch.device);
        using var flipped = batch.flip(axis);
        return AugmentationRandom.Choose(coin, flipped, batch);
    }
}
