namespace SciDsl.Samples.CellSegmentation;

/// <summary>
/// A depth-3 U-Net for 32×32 single-channel images: three Conv2d blocks down (each halving the size with
/// MaxPool2d), a 4×4 bottleneck, and three learnt ConvTranspose2d up steps, each concatenated with the encoder
/// block of the same resolution; a 1×1 Conv2d gives two logits per pixel (background, cell).
/// </summary>
[Model("x: B,1,32,32")]
[Conv2d(8, Kernel = 3, Padding = 1), ReLU]
[Conv2d(8, Kernel = 3, Padding = 1), ReLU(Name = "enc1")]
[MaxPool2d(2)]
[Conv2d(16, Kernel = 3, Padding = 1), ReLU(Name = "enc2")]
[MaxPool2d(2)]
[Conv2d(32, Kernel = 3, Padding = 1), ReLU(Name = "enc3")]
[MaxPool2d(2)]
[Conv2d(32, Kernel = 3, Padding = 1), ReLU]
[ConvTranspose2d(32, Kernel = 2, Stride = 2, Name = "up3")]
[Concat("enc3", "up3")]
[Conv2d(32, Kernel = 3, Padding = 1), ReLU]
[ConvTranspose2d(16, Kernel = 2, Stride = 2, Name = "up2")]
[Concat("enc2", "up2")]
[Conv2d(16, Kernel = 3, Padding = 1), ReLU]
[ConvTranspose2d(8, Kernel = 2, Stride = 2, Name = "up1")]
[Concat("enc1", "up1")]
[Conv2d(8, Kernel = 3, Padding = 1), ReLU]
[Conv2d(2, Kernel = 1)]
public partial class CellUNet;
