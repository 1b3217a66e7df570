using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>Augmentations applied one after another, each drawing from the same generator in order.</summary>
public sealed class AugmentationPipeline(IReadOnlyList<IAugmentation> steps) : IAugmentation
{
    public IReadOnlyList<IAugmentation> Steps { get; } = steps;

    public string Name => "Compose(" + string.Join(", ", Steps.Select(step => step.Name)) + ")";

    public Tensor Apply(Tensor batch, torch.Generator generator)
    {
        // Intermediate batches belong to the pipeline; the caller owns only the input and the result.
        Tensor current = batch.alias();
        foreach (var step in Steps)
        {
            var next = step.Apply(current, generator);
            current.Dispose();
            current = next;
        }
        return current;
    }

    /// <summary>Applies the pipeline with a fresh generator seeded by <paramref name="seed"/>: the same seed gives the same batch.</summary>
    public Tensor Apply(Tensor batch, long seed)
    {
        using var generator = new torch.Generator((ulong)seed);
        return Apply(batch, generator);
    }
}
