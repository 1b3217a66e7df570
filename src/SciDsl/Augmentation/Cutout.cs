using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>
/// Sets a <see cref="Size"/>×<see cref="Size"/> square of each image of a <c>[B,C,H,W]</c> batch to 0, centred on a random
/// pixel per sample, so it may be cut off at the border (DeVries and Taylor, 2017).
/// </summary>
public sealed class Cutout : IAugmentation
{
    public Cutout(int size)
    {
        AugmentationGuard.NonNegative(Name, nameof(size), size);
        Size = size;
    }

    public string Name => "Cutout";

    public int Size { get; }

    public Tensor Apply(Tensor batch, torch.Generator generator)
    {
        AugmentationGuard.Rank(Name, batch, 4, "of images [B,C,H,W]");
        long count = batch.shape[0], height = batch.shape[2], width = batch.shape[3];
        using var top = AugmentationRandom.Integers(generator, count, 0, height - 1, batch.device) - Size / 2;
        using var left = AugmentationRandom.Integers(generator, count, 0, width - 1, batch.device) - Size / 2;
        using var rows = torch.arange(height, device: batch.device).view(1, 1, height, 1);
        using var columns = torch.arange(width, device: batch.device).view(1, 1, 1, width);
        using var topCorner = top.view(count, 1, 1, 1);
        using var leftCorner = left.view(count, 1, 1, 1);
        using var inRows = rows.ge(topCorner).logical_and(rows.lt(topCorner + Size));
        using var inColumns = columns.ge(leftCorner).logical_and(columns.lt(leftCorner + Size));
        using var square = inRows.logical_and(inColumns);
        return batch.masked_fill(square, 0);
    }
}
