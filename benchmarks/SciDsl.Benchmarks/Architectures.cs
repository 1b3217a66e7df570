namespace SciDsl.Benchmarks;

// Issue 6's reference architectures at benchmark size, declared with attributes: the generator writes their
// modules. HandWrittenArchitectures.cs has their hand-written TorchSharp twins.

/// <summary>A ResNet basic block: two 3×3 convolutions to 16 channels, batch-normalised; C, H and W bound where it is used.</summary>
[Model("x: B,C,H,W")]
[Conv2d(16, Kernel = 3, Padding = 1, Bias = false, Name = "conv1"), BatchNorm2d(Name = "bn1"), ReLU]
[Conv2d(16, Kernel = 3, Padding = 1, Bias = false, Name = "conv2"), BatchNorm2d(Name = "bn2")]
public partial class ResNetBasicBlock;

/// <summary>A ResNet downsampling block: to 32 channels, H and W halved by the first convolution's stride.</summary>
[Model("x: B,C,H,W")]
[Conv2d(32, Kernel = 3, Padding = 1, Stride = 2, Bias = false, Name = "conv1"), BatchNorm2d(Name = "bn1"), ReLU]
[Conv2d(32, Kernel = 3, Padding = 1, Bias = false, Name = "conv2"), BatchNorm2d(Name = "bn2")]
public partial class ResNetDownBlock;

/// <summary>A small ResNet over 16×16 RGB images: a stem block, two residual blocks, a projected downsampling block, 10 classes.</summary>
[Model("x: B,3,16,16")]
[Use(typeof(ResNetBasicBlock), Name = "stem"), ReLU]
[Residual(typeof(ResNetBasicBlock), Repeat = 2, Name = "res1"), ReLU]
[Residual(typeof(ResNetDownBlock), Projection = true, Name = "res2"), ReLU]
[GlobalAvgPool, Linear(10, Name = "head")]
public partial class ResNet;

/// <summary>Token sequence → embedding → LSTM → two class scores from the last hidden state.</summary>
[Model("tokens: int64[B,T]")]
[Embedding(Vocabulary, 16, Name = "embedding")]
[LSTM(32, Name = "lstm")]
[Linear(2, Name = "head")]
public partial class LstmClassifier
{
    public const int Vocabulary = 20;
}

/// <summary>Token sequence → embedding + positions → two Transformer encoder layers → mean over positions → two class scores.</summary>
[Model("tokens: int64[B,T]")]
[Embedding(LstmClassifier.Vocabulary, 32, Name = "embedding")]
[PositionalEncoding(MaxLength = 64, Name = "positions")]
[TransformerEncoder(2, 4, FeedForward = 64, Name = "encoder")]
[Permute(0, 2, 1), GlobalAvgPool]
[Linear(2, Name = "head")]
public partial class TransformerClassifier;
