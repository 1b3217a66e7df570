using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>
/// Shifts each sequence of a batch along its positions by a whole number of steps drawn from
/// [-<see cref="MaxShift"/>, <see cref="MaxShift"/>]; positions shifted in from outside are zero and the length is kept.
/// </summary>
public sealed class SequenceShift : IAugmentation
{
    public SequenceShift(int maxShift, SequenceLayout layout = SequenceLayout.ChannelsFirst)
    {
        AugmentationGuard.NonNegative(Name, nameof(maxShift), maxShift);
        MaxShift = maxShift;
        Layout = layout;
    }

    public string Name => "SequenceShift";

    public int MaxShift { get; }

    public SequenceLayout Layout { get; }

    public Tensor Apply(Tensor batch, torch.Generator generator)
    {
        AugmentationGuard.Rank(Name, batch, 3, Layout.Describe());
        long dim = Layout.PositionDim(), length = batch.shape[dim];
        long[] padding = Layout == SequenceLayout.ChannelsFirst ? [MaxShift, MaxShift] : [0, 0, MaxShift, MaxShift];
        using var padded = torch.nn.functional.pad(batch, padding, PaddingModes.Constant);
        using var offsets = AugmentationRandom.Integers(generator, batch.shape[0], 0, 2L * MaxShift, batch.device);
        return RandomWindow.Cut(padded, dim, offsets, length);
    }
}
