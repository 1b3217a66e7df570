using static TorchSharp.torch;

namespace SciDsl.Tests.Augmentations;

internal static class Tensors
{
    /// <summary>Same shape and bit-for-bit the same elements.</summary>
    public static bool Same(this Tensor actual, Tensor expected)
    {
        if (!actual.shape.SequenceEqual(expected.shape)) return false;
        using var equal = actual.eq(expected);
        using var all = equal.all();
        return all.item<bool>();
    }
}
