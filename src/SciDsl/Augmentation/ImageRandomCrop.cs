using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>
/// Pads each image of a <c>[B,C,H,W]</c> batch by <see cref="Padding"/> pixels on every side and cuts an H×W window at a
/// random offset per sample: the image moves by up to <see cref="Padding"/> pixels in each direction, keeping its size.
/// </summary>
public sealed class ImageRandomCrop : IAugmentation
{
    public ImageRandomCrop(int padding, PaddingFill fill = PaddingFill.Zero)
    {
        AugmentationGuard.NonNegative(Name, nameof(padding), padding);
        Padding = padding;
        Fill = fill;
    }

    public string Name => "RandomCrop";

    public int Padding { get; }

    public PaddingFill Fill { get; }

    public Tensor Apply(Tensor batch, torch.Generator generator)
    {
        AugmentationGuard.Rank(Name, batch, 4, "of images [B,C,H,W]");
        long count = batch.shape[0], height = batch.shape[2], width = batch.shape[3];
        if (Fill == PaddingFill.Reflect && (Padding >= height || Padding >= width))
            throw new ArgumentException($"{Name}: reflect padding {Padding} needs images larger than the padding, got shape {AugmentationGuard.Shape(batch)}.", nameof(batch));
        using var padded = torch.nn.functional.pad(batch, [Padding, Padding, Padding, Padding],
            Fill == PaddingFill.Reflect ? PaddingModes.Reflect : PaddingModes.Constant);
        using var rows = AugmentationRandom.Integers(generator, count, 0, 2L * Padding, batch.device);
        using var columns = AugmentationRandom.Integers(generator, count, 0, 2L * Padding, batch.device);
        using var band = RandomWindow.Cut(padded, 2, rows, height);   // [B, C, H, W+2p]
        return RandomWindow.Cut(band, 3, columns, width);            // [B, C, H, W]
    }
}
