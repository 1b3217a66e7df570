using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SciDsl.Models;

/// <summary>Batch-first self- and cross-attention through TorchSharp's sequence-first <see cref="MultiheadAttention"/>.</summary>
public static class SelfAttention
{
    /// <summary><c>[B, T, D]</c> → <c>[B, T, D]</c>; with <paramref name="causal"/>, position t sees positions ≤ t only.</summary>
    public static Tensor Forward(MultiheadAttention attention, Tensor input, bool causal)
    {
        ArgumentNullException.ThrowIfNull(attention);
        ArgumentNullException.ThrowIfNull(input);
        using var mask = causal ? CausalMask(input.shape[1], input) : null;
        return Attend(attention, input, input, mask);
    }

    /// <summary>
    /// Cross-attention: queries from <paramref name="query"/> <c>[B, Tq, D]</c>, keys and values from
    /// <paramref name="keyValue"/> <c>[B, Tk, D]</c> → <c>[B, Tq, D]</c>.
    /// </summary>
    public static Tensor Forward(MultiheadAttention attention, Tensor query, Tensor keyValue)
    {
        ArgumentNullException.ThrowIfNull(attention);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(keyValue);
        return Attend(attention, query, keyValue, mask: null);
    }

    private static Tensor Attend(MultiheadAttention attention, Tensor query, Tensor keyValue, Tensor? mask)
    {
        using var scope = NewDisposeScope();
        var keys = keyValue.transpose(0, 1);
        // call(), not forward(), so capture hooks (SciDsl.Interpretability.AttentionWeights) see the layer.
        var (output, _) = attention.call(query.transpose(0, 1), keys, keys, null, false, mask);
        return output.transpose(0, 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// A batch-first Transformer decoder: <paramref name="target"/> <c>[B, T, D]</c> attends causally to itself and fully
    /// to <paramref name="memory"/> <c>[B, S, D]</c> → <c>[B, T, D]</c>.
    /// </summary>
    public static Tensor Decode(TransformerDecoder decoder, Tensor target, Tensor memory)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(memory);
        using var scope = NewDisposeScope();
        var mask = CausalMask(target.shape[1], target);
        var output = decoder.call(target.transpose(0, 1), memory.transpose(0, 1), mask);
        return output.transpose(0, 1).MoveToOuterDisposeScope();
    }

    /// <summary>A <c>[T, T]</c> additive mask: 0 on and below the diagonal, −∞ above it, in the input's dtype and device.</summary>
    public static Tensor CausalMask(long length, Tensor like) =>
        full(length, length, float.NegativeInfinity, dtype: like.dtype, device: like.device).triu(1);
}
