using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SciDsl.Models;

/// <summary>Batch-first self-attention through TorchSharp's sequence-first <see cref="MultiheadAttention"/>.</summary>
public static class SelfAttention
{
    /// <summary><c>[B, T, D]</c> → <c>[B, T, D]</c>; with <paramref name="causal"/>, position t sees positions ≤ t only.</summary>
    public static Tensor Forward(MultiheadAttention attention, Tensor input, bool causal)
    {
        ArgumentNullException.ThrowIfNull(attention);
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var sequenceFirst = input.transpose(0, 1);
        var mask = causal ? CausalMask(input.shape[1], input) : null;
        var (output, _) = attention.forward(sequenceFirst, sequenceFirst, sequenceFirst, null, false, mask);
        return output.transpose(0, 1).MoveToOuterDisposeScope();
    }

    /// <summary>A <c>[T, T]</c> additive mask: 0 on and below the diagonal, −∞ above it, in the input's dtype and device.</summary>
    public static Tensor CausalMask(long length, Tensor like) =>
        full(length, length, float.NegativeInfinity, dtype: like.dtype, device: like.device).triu(1);
}
