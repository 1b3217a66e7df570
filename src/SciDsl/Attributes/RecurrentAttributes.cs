namespace SciDsl;

/// <summary>
/// The options shared by <c>LSTM</c>, <c>GRU</c> and <c>RNN</c> on a batch-first sequence <c>[B, T, F]</c>.
/// Output: <c>[B, T, hidden·dirs]</c> with <see cref="ReturnSequences"/>, else <c>[B, hidden·dirs]</c>, the last
/// layer's final hidden state h_n: the output at the last step for one direction; for a bidirectional layer the
/// forward direction's last step followed by the backward direction's first (t = 0) step, as PyTorch users
/// usually concatenate them.
/// </summary>
public abstract class RecurrentAttribute(int hidden) : LayerAttribute
{
    public int Hidden { get; } = hidden;

    /// <summary>Stacked layers; each reads the previous one's output sequence.</summary>
    public int Layers { get; set; } = 1;

    public bool Bidirectional { get; set; }

    /// <summary>Return every step's output rather than the final hidden state.</summary>
    public bool ReturnSequences { get; set; }
}

/// <summary>Long short-term memory over <c>[B, T, F]</c>; see <see cref="RecurrentAttribute"/> for the output.</summary>
public sealed class LSTMAttribute(int hidden) : RecurrentAttribute(hidden);

/// <summary>Gated recurrent unit over <c>[B, T, F]</c>; see <see cref="RecurrentAttribute"/> for the output.</summary>
public sealed class GRUAttribute(int hidden) : RecurrentAttribute(hidden);

/// <summary>Elman RNN with tanh over <c>[B, T, F]</c>; see <see cref="RecurrentAttribute"/> for the output.</summary>
public sealed class RNNAttribute(int hidden) : RecurrentAttribute(hidden);
