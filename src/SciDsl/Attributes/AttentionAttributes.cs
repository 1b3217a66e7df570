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
