namespace SciDsl;

/// <summary>
/// Multi-head self-attention over <c>[B, T, D]</c> → <c>[B, T, D]</c>; the width D (inferred) must be divisible by
/// <c>heads</c>. <see cref="Causal"/> masks each position from the ones after it.
/// </summary>
public sealed class MultiHeadAttentionAttribute(int heads) : LayerAttribute
{
    public int Heads { get; } = heads;

    public bool Causal { get; set; }
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
