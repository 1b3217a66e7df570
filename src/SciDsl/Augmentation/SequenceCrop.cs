using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>Cuts a window of <see cref="Length"/> positions from each sequence of a batch, at a random start per sample.</summary>
public sealed class SequenceCrop : IAugmentation
{
    public SequenceCrop(int length, SequenceLayout layout = SequenceLayout.ChannelsFirst)
    {
        if (length <= 0) throw new ArgumentException($"{Name}: length must be positive, got {length}.", nameof(length));
        Length = length;
        Layout = layout;
    }

    public string Name => "SequenceCrop";

    public int Length { get; }

    public SequenceLayout Layout { get; }

    public Tensor Apply(Tensor batch, torch.Generator generator)
    {
        AugmentationGuard.Rank(Name, batch, 3, Layout.Describe());
        long dim = Layout.PositionDim(), available = batch.shape[dim];
        if (available < Length)
            throw new ArgumentException($"{Name}: cannot cut {Length} positions from sequences of length {available} (shape {AugmentationGuard.Shape(batch)}).", nameof(batch));
        using var offsets = AugmentationRandom.Integers(generator, batch.shape[0], 0, available - Length, batch.device);
        return RandomWindow.Cut(batch, dim, offsets, Length);
    }
}
