namespace SciDsl.Samples.DomainShift;

/// <summary>A small CNN for 8×8 digits whose 64 penultimate features (<c>features</c>) are what domain adaptation aligns.</summary>
[Model("x: B,1,8,8")]
[Conv2d(16, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
[Conv2d(32, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
[Flatten]
[Linear(64), ReLU(Name = "features")]
[Linear(10)]
public partial class ShiftNet;
