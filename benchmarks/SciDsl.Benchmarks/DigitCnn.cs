namespace SciDsl.Benchmarks;

/// <summary>The Digits sample's CNN, declared with attributes; the generator writes its module.</summary>
[Model("x: B,1,8,8")]
[Conv2d(32, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
[Conv2d(64, Kernel = 3, Padding = 1, Name = "conv2"), ReLU, MaxPool2d(2)]
[Flatten]
[Linear(128), ReLU, Dropout(0.25)]
[Linear(10)]
public partial class DigitCnn;
