namespace SciDsl;

/// <summary>
/// A learnt vector per token id: integer <c>[B, T]</c> (declare the input as <c>"tokens: int64[B,T]"</c>)
/// becomes <c>[B, T, dim]</c>. Ids outside [0, vocab) are refused at run time with a <see cref="SequenceInputException"/>.
/// </summary>
public sealed class EmbeddingAttribute(int vocab, int dim) : LayerAttribute
{
    public int Vocab { get; } = vocab;

    public int Dim { get; } = dim;
}

/// <summary>
/// Adds the fixed sinusoidal position table of "Attention Is All You Need" to <c>[B, T, D]</c> (D even):
/// sin at even features, cos at odd ones, frequencies 10000^(−2i/D). Sequences longer than
/// <see cref="MaxLength"/> are refused (a build error for a constant T, a <see cref="SequenceInputException"/> otherwise).
/// </summary>
public sealed class PositionalEncodingAttribute : LayerAttribute
{
    public int MaxLength { get; set; } = 5000;
}
