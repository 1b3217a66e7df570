using SciDsl.Tests.Layers;

namespace SciDsl.Tests.Architectures;

/// <summary>
/// A depth-3 U-Net: three Conv2d blocks down with MaxPool2d, a bottleneck, and three up steps (two learnt
/// ConvTranspose2d, one Upsample) each concatenated with the encoder block of the same resolution; per-pixel logits.
/// </summary>
[Model("x: B,1,32,32")]
[Conv2d(4, Kernel = 3, Padding = 1), ReLU(Name = "enc1")]
[MaxPool2d(2)]
[Conv2d(8, Kernel = 3, Padding = 1), ReLU(Name = "enc2")]
[MaxPool2d(2)]
[Conv2d(8, Kernel = 3, Padding = 1), ReLU(Name = "enc3")]
[MaxPool2d(2)]
[Conv2d(16, Kernel = 3, Padding = 1), ReLU]
[ConvTranspose2d(8, Kernel = 2, Stride = 2, Name = "up3")]
[Concat("enc3", "up3")]
[Conv2d(8, Kernel = 3, Padding = 1), ReLU]
[ConvTranspose2d(8, Kernel = 2, Stride = 2, Name = "up2")]
[Concat("enc2", "up2")]
[Conv2d(4, Kernel = 3, Padding = 1), ReLU]
[Upsample(2, Name = "up1")]
[Concat("enc1", "up1")]
[Conv2d(4, Kernel = 3, Padding = 1), ReLU]
[Conv2d(1, Kernel = 1)]
public partial class TinyUNet : IGeneratedModel;

/// <summary>DanQ-style: motif-scanning convolution over one-hot DNA, then a bidirectional LSTM over the pooled positions.</summary>
[Model("x: B,4,T")]
[Conv1d(8, Kernel = 5, Padding = 2), ReLU]
[MaxPool1d(2)]
[Dropout(0.2)]
[Permute(0, 2, 1)]
[LSTM(8, Bidirectional = true)]
[Linear(2)]
public partial class DanQ : IGeneratedModel;

/// <summary>Convolutional autoencoder: two strided Conv2d down to an 8×4×4 code, two ConvTranspose2d back up.</summary>
[Model("x: B,1,16,16")]
[Conv2d(4, Kernel = 3, Stride = 2, Padding = 1), ReLU]
[Conv2d(8, Kernel = 3, Stride = 2, Padding = 1), ReLU]
[ConvTranspose2d(4, Kernel = 2, Stride = 2), ReLU]
[ConvTranspose2d(1, Kernel = 2, Stride = 2), Sigmoid]
public partial class ConvAutoencoder : IGeneratedModel;

/// <summary>GAN generator: a noise vector through Linear to a 4×4 map, ConvTranspose2d up to an 8×8 image in [-1, 1].</summary>
[Model("z: B,8")]
[Linear(32), ReLU]
[Reshape("B,2,4,4")]
[ConvTranspose2d(4, Kernel = 2, Stride = 2), ReLU]
[Conv2d(1, Kernel = 3, Padding = 1), Tanh]
public partial class GanGenerator : IGeneratedModel;

/// <summary>GAN discriminator: a strided Conv2d over an 8×8 image to one real-vs-fake logit.</summary>
[Model("x: B,1,8,8")]
[Conv2d(4, Kernel = 3, Stride = 2, Padding = 1), LeakyReLU(Slope = 0.2)]
[Flatten]
[Linear(1)]
public partial class GanDiscriminator : IGeneratedModel;

/// <summary>Sub-pixel super-resolution: convolutions at 8×8 produce 4 channels that PixelShuffle(2) turns into one 16×16 image.</summary>
[Model("x: B,1,8,8")]
[Conv2d(8, Kernel = 3, Padding = 1), ReLU]
[Conv2d(4, Kernel = 3, Padding = 1)]
[PixelShuffle(2)]
public partial class SuperResolution : IGeneratedModel;
