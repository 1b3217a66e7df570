namespace SciDsl.Samples.FewLabels;

/// <summary>
/// SimCLR on the digits: DigitCnn's trunk up to its 128-unit layer as the encoder, then the projection head
/// 128 → 128 → 64 of the PyTorch reference (/work/shared/REFERENCE-RESULTS.md).
/// </summary>
[Model("x: B,1,8,8")]
[Conv2d(32, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
[Conv2d(64, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
[Flatten]
[Linear(128), ReLU(Name = "features")]
[Linear(128), ReLU]
[Linear(64, Name = "proj")]
[Output("features", "proj")]
public partial class DigitSimClr;
