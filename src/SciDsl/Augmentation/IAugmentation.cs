using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>
/// A random transformation of a whole batch. Each sample draws its own random parameters, all from the
/// given generator, so the same generator state gives the same output.
/// </summary>
public interface IAugmentation
{
    /// <summary>The name used in error messages, e.g. <c>"FlipHorizontal"</c>.</summary>
    string Name { get; }

    /// <summary>Returns the augmented batch (a new tensor; the input is left unchanged).</summary>
    Tensor Apply(Tensor batch, torch.Generator generator);
}
