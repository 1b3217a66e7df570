namespace SciDsl.Samples.SequenceTransformer;

/// <summary>
/// Residue ids → embedding → a width-5 convolution (each position sees its neighbours, so a motif becomes one feature)
/// → sinusoidal positions → two Transformer encoder layers (attention relates the motifs and their order) → max over
/// positions → class scores.
/// </summary>
[Model("tokens: int64[B,T]")]
[Embedding(20, 32)]
[Permute(0, 2, 1), Conv1d(32, Kernel = 5, Padding = 2), ReLU, Permute(0, 2, 1)]
[PositionalEncoding(MaxLength = 64)]
[TransformerEncoder(2, 4, FeedForward = 64)]
[Permute(0, 2, 1), GlobalMaxPool]
[Linear(5)]
public partial class MotifTransformer;
