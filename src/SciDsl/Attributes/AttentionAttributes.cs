namespace SciDsl;

/// <summary>
/// Multi-head self-attention over <c>[B, T, D]</c> → <c>[B, T, D]</c>; the width D (inferred) must be divisible by
/// <c>heads</c>. <see cref="Causal"/> masks each position from the ones after it. With <see cref="KeyValue"/> it is
/// cross-attention: queries from the input <c>[B, Tq, D]</c>, keys and values from the named node <c>[B, Tk, D]</c>.
/// </summary>
public sealed class MultiHeadAttentionAttribute(int heads) : LayerAttribute
{
    public int Heads { get; } = heads;

    public bool Causal { get; set; }

    /// <summary>The input or earlier layer the keys and values come from, e.g. <c>"memory"</c>; not with <see cref="Causal"/>.</summary>
    public string? KeyValue { get; set; }
}

/// <summary>
/// PyTorch's Transformer encoder over <c>[B, T, D]</c> → <c>[B, T, D]</c>: <c>layers</c> post-norm encoder layers
/// (self-attention with <c>heads</c> heads, then a ReLU feed-forward of width <see cref="FeedForward"/>, each added to
/// its input and layer-normalised). The width D (inferred) must be a number the heads divide.
/// </summary>
public sealed class TransformerEncoderAttribute(int layers, int heads) : LayerAttribute
{
    public int Layers { get; } = layers;

    public int Heads { get; } = heads;

    public int FeedForward { get; set; } = 2048;

    public double Dropout { get; set; } = 0.1;
}

/// <summary>
/// PyTorch's Transformer decoder over a target <c>[B, T, D]</c> and the memory named by <see cref="Memory"/>
/// <c>[B, S, D]</c> → <c>[B, T, D]</c>: <c>layers</c> post-norm decoder layers (causal self-attention with <c>heads</c>
/// heads, attention over the memory, then a ReLU feed-forward of width <see cref="FeedForward"/>, each added to its input
/// and layer-normalised). The width D (inferred) must be a number the heads divide; the memory must have the same width.
/// </summary>
public sealed class TransformerDecoderAttribute(int layers, int heads) : LayerAttribute
{
    public int Layers { get; } = layers;

    public int Heads { get; } = heads;

    /// <summary>The input or earlier layer the decoder attends to, e.g. <c>"memory"</c> (an encoder's output).</summary>
    public string? Memory { get; set; }

    public int FeedForward { get; set; } = 2048;

    public double Dropout { get; set; } = 0.1;
}
