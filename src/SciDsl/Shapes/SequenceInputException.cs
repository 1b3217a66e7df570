using TorchSharp;

namespace SciDsl;

/// <summary>
/// A sequence layer received values its sizes cannot serve: a token id outside the vocabulary, or a
/// sequence longer than a positional table. Thrown by generated <c>forward</c> methods before libtorch
/// would fail with an index error.
/// </summary>
public sealed class SequenceInputException(string layer, string message) : ArgumentException($"Layer '{layer}': {message}.")
{
    public string Layer { get; } = layer;

    /// <summary>Returns <paramref name="tokens"/> when every id is in [0, <paramref name="vocabulary"/>).</summary>
    public static torch.Tensor CheckTokenIds(torch.Tensor tokens, string layer, long vocabulary)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.numel() == 0) return tokens;
        // One reduction for both ends, its results freed at once (also outside a dispose scope).
        var (min, max) = tokens.aminmax();
        long smallest, largest;
        using (min) smallest = min.item<long>();
        using (max) largest = max.item<long>();
        if (smallest < 0 || largest >= vocabulary)
            throw new SequenceInputException(layer,
                $"token id {(smallest < 0 ? smallest : largest)} is outside the vocabulary of {vocabulary} (ids must be in [0, {vocabulary - 1}])");
        return tokens;
    }

    /// <summary>Returns <paramref name="sequence"/> ([B, T, …]) when T is at most <paramref name="maxLength"/>.</summary>
    public static torch.Tensor CheckLength(torch.Tensor sequence, string layer, long maxLength)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        long length = sequence.shape[1];
        if (length > maxLength)
            throw new SequenceInputException(layer,
                $"the sequence has {length} steps but the positional table holds {maxLength}; raise MaxLength or shorten the sequence");
        return sequence;
    }
}
