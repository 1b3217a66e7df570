namespace SciDsl.Tests.Composition;

/// <summary>
/// A ResNet basic block: two 3x3 convolutions to 8 channels over <c>[B, C, H, W]</c>. C, H and W are bound
/// where the block is used, so it is built with the C it receives.
/// </summary>
[Model("x: B,C,H,W")]
[Conv2d(8, Kernel = 3, Padding = 1, Bias = false, Name = "conv1"), BatchNorm2d, ReLU]
[Conv2d(8, Kernel = 3, Padding = 1, Bias = false, Name = "conv2"), BatchNorm2d]
public partial class BasicBlock;

/// <summary>The block as a stem (C = 3), then twice as a residual block (C = 8), each with its own weights.</summary>
[Model("x: B,3,8,8")]
[Use(typeof(BasicBlock), Name = "stem"), ReLU]
[Residual(typeof(BasicBlock), Repeat = 2, Name = "res1"), ReLU]
[GlobalAvgPool, Linear(3)]
public partial class TinyResNet;

/// <summary>The block once as a residual block: its parameters are scoped by the layer's name alone.</summary>
[Model("x: B,8,8,8")]
[Residual(typeof(BasicBlock), Name = "res1"), ReLU]
[GlobalAvgPool, Linear(3)]
public partial class SingleResidualNet;

/// <summary>A ResNet downsampling block: 8 → 16 channels, H and W halved by the first convolution's stride.</summary>
[Model("x: B,C,H,W")]
[Conv2d(16, Kernel = 3, Padding = 1, Stride = 2, Bias = false, Name = "conv1"), BatchNorm2d, ReLU]
[Conv2d(16, Kernel = 3, Padding = 1, Bias = false, Name = "conv2"), BatchNorm2d]
public partial class DownsamplingBlock;

/// <summary>A downsampling residual block whose shortcut is a strided 1×1 projection.</summary>
[Model("x: B,8,8,8")]
[Residual(typeof(DownsamplingBlock), Projection = true, Name = "res1"), ReLU]
[GlobalAvgPool, Linear(3)]
public partial class ProjectedResNet;

/// <summary>A block widening [B, F] to 10 features.</summary>
[Model("x: B,F")]
[Linear(10), ReLU]
public partial class WideningBlock;

/// <summary>A residual block over features whose shortcut is a bias-free Linear projection.</summary>
[Model("x: B,6")]
[Residual(typeof(WideningBlock), Projection = true, Name = "res1"), Linear(2)]
public partial class ProjectedMlp;
