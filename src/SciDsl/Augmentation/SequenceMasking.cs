using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>Sets whole positions of each sequence (all their channels) to zero, each independently with probability <see cref="Probability"/>.</summary>
public sealed class SequenceMasking : IAugmentation
{
    public SequenceMasking(double probability, SequenceLayout layout = SequenceLayout.ChannelsFirst)
    {
        AugmentationGuard.Probability(Name, probability);
        Probability = probability;
        Layout = layout;
    }

    public string Name => "SequenceMasking";

    public double Probability { get; }

    public SequenceLayout Layout { get; }

    public Tensor Apply(Tensor batch, torch.Generator generator)
    {
        AugmentationGuard.Rank(Name, batch, 3, Layout.Describe());
        long count = batch.shape[0], dim = Layout.PositionDim();
        using var unit = torch.rand([count * batch.shape[dim]], ScalarType.Float32, generator: generator);
        long[] maskShape = Layout == SequenceLayout.ChannelsFirst ? [count, 1, batch.shape[dim]] : [count, batch.shape[dim], 1];
        using var kept = unit.ge(Probability).view(maskShape).to(batch.device);
        return batch * kept.to(batch.dtype);
    }
}
