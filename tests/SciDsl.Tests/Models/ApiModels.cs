namespace SciDsl.Tests.Models;

/// <summary>A symbolic hidden width: <c>H</c> becomes a constructor parameter.</summary>
[Model("x: B,16")]
[Linear("H"), ReLU]
[Linear(3)]
public partial class Mlp;

[Model("x: B,4; y: B,4")]
[Linear(3, From = "x")]
public partial class TwoInputModel;

/// <summary>A variable-length signal: its sizes after pooling and a strided conv depend on T.</summary>
[Model("x: B,4,T")]
[Conv1d(8, Kernel = 3, Padding = 1), ReLU, AvgPool1d(2)]
[Conv1d(8, Kernel = 3, Stride = 2)]
[GlobalAvgPool]
[Linear(2)]
public partial class SignalNet;

/// <summary>Two heads on one input, returned as a tuple (the shape of a VAE encoder).</summary>
[Model("x: B,8")]
[Linear(4, Name = "mu")]
[Linear(4, From = "x", Name = "logvar")]
[Output("mu", "logvar")]
public partial class TwoHeads;
