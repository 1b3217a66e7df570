namespace SciDsl.Samples.Digits;

/// <summary>A small CNN for 8×8 digit images: two conv blocks, then a classifier head.</summary>
[Model("x: B,1,8,8")]
[Conv2d(32, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
[Conv2d(64, Kernel = 3, Padding = 1, Name = "conv2"), ReLU, MaxPool2d(2)]
[Flatten]
[Linear(128), ReLU, Dropout(0.25)]
[Linear(10)]
public partial class DigitCnn;
