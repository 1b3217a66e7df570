using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>
/// A user's own augmentation as a method on the batch. The method receives the generator so it can draw from it
/// and stay reproducible; <see cref="Augmentation.Method(string, Func{Tensor, Tensor})"/> wraps one that does not.
/// </summary>
public sealed class MethodAugmentation(string name, Func<Tensor, torch.Generator, Tensor> method) : IAugmentation
{
    private readonly Func<Tensor, torch.Generator, Tensor> method = method ?? throw new ArgumentNullException(nameof(method));

    public string Name { get; } = name;

    public Tensor Apply(Tensor batch, torch.Generator generator)
    {
        var result = method(batch, generator);
        if (result is null || result.dim() == 0 || result.shape[0] != batch.shape[0])
            throw new InvalidOperationException($"Augmentation method '{Name}' must return a batch of {batch.shape[0]} samples, got {(result is null ? "null" : AugmentationGuard.Shape(result))}.");
        // A method that returns its input unchanged hands back the caller's tensor, which the pipeline disposes.
        return ReferenceEquals(result, batch) ? batch.alias() : result;
    }
}
