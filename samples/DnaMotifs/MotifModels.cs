namespace SciDsl.Samples.DnaMotifs;

/// <summary>
/// A motif scanner: 16 convolution filters as wide as the motif slide along one-hot DNA <c>[B, 4, T]</c>; the
/// strongest match of each anywhere in the sequence (global max pool) feeds a motif-present logit pair.
/// </summary>
[Model("x: B,4,T")]
[Conv1d(16, Kernel = 10), ReLU]
[GlobalMaxPool]
[Dropout(0.1)]
[Linear(2)]
public partial class MotifCnn;

/// <summary>
/// DanQ-style: the same motif-scanning convolution, max pooled by 4 along the sequence, then a bidirectional
/// LSTM over the pooled positions whose final states (forward and backward) feed the logit pair.
/// </summary>
[Model("x: B,4,T")]
[Conv1d(16, Kernel = 10), ReLU]
[MaxPool1d(4)]
[Dropout(0.1)]
[Permute(0, 2, 1)]
[LSTM(16, Bidirectional = true)]
[Linear(2)]
public partial class MotifDanQ;
