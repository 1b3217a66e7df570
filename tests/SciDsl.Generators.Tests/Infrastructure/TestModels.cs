namespace SciDsl.Generators.Tests.Infrastructure;

/// <summary>Valid model declarations shared by the snapshot, incrementality and compile tests.</summary>
internal static class TestModels
{
    /// <summary>The Digits sample's CNN, as declared in samples/Digits/DigitCnn.cs.</summary>
    public const string DigitCnn = """
        using SciDsl;

        namespace SciDsl.Samples.Digits;

        [Model("x: B,1,8,8")]
        [Conv2d(32, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
        [Conv2d(64, Kernel = 3, Padding = 1, Name = "conv2"), ReLU, MaxPool2d(2)]
        [Flatten]
        [Linear(128), ReLU, Dropout(0.25)]
        [Linear(10)]
        public partial class DigitCnn;
        """;

    /// <summary>An MLP whose hidden width <c>H</c> is a constructor parameter.</summary>
    public const string SymbolicMlp = """
        using SciDsl;

        namespace Tabular;

        [Model("x: B,16")]
        [Linear("H"), GELU, LayerNorm]
        [Linear(3)]
        public partial class Mlp;
        """;

    /// <summary>A 1-D conv net over a sequence of symbolic length <c>T</c>.</summary>
    public const string Conv1dNet = """
        using SciDsl;

        namespace Signals;

        [Model("x: B,4,T")]
        [Conv1d(16, Kernel = 5, Padding = 2), BatchNorm1d, ReLU, AvgPool1d(2)]
        [Conv1d(32, Kernel = 3, Stride = 2, Name = "conv2"), BatchNorm1d, ReLU]
        [GlobalAvgPool]
        [Linear(5)]
        public partial class SignalNet;
        """;

    /// <summary>A model nested in a partial class, outside any namespace.</summary>
    public const string NestedWithoutNamespace = """
        using SciDsl;

        public static partial class Zoo
        {
            [Model("x: B,8")]
            [Linear(4), Tanh]
            [Linear(2), Softmax]
            internal partial class Tiny;
        }
        """;

    /// <summary>A residual block: values read twice, merged with Add and Concat.</summary>
    public const string ResidualNet = """
        using SciDsl;

        namespace Vision;

        [Model("x: B,8,H,W")]
        [Conv2d(8, Kernel = 3, Padding = 1, Name = "c1"), ReLU]
        [Conv2d(8, Kernel = 3, Padding = 1, Name = "c2")]
        [Add("x", "c2", Name = "residual"), ReLU]
        [Concat("x", "relu_2")]
        [GlobalAvgPool]
        [Linear(4)]
        public partial class ResidualNet;
        """;

    /// <summary>A token classifier: embedding, positions, a stacked bidirectional LSTM, a linear head.</summary>
    public const string LstmTagger = """
        using SciDsl;

        namespace Text;

        [Model("tokens: int64[B,T]")]
        [Embedding(1000, 32), PositionalEncoding(MaxLength = 512)]
        [LSTM(64, Layers = 2, Bidirectional = true)]
        [Linear(5)]
        public partial class LstmTagger;
        """;

    public const string GcnNet = """
        using SciDsl;

        namespace Graphs;

        [Model("x: B,N,F; adj: B,N,N")]
        [GcnConv(16, Adjacency = "adj"), ReLU]
        [GraphSageConv(8, Adjacency = "adj", Name = "sage")]
        [NodeMeanPool]
        [Linear(2)]
        public partial class GcnNet;
        """;

    /// <summary>A depth-2 U-Net: skips concatenated on the way up, one learnt and one fixed upsampling.</summary>
    public const string UNet = """
        using SciDsl;

        namespace Cells;

        [Model("x: B,1,32,32")]
        [Conv2d(4, Kernel = 3, Padding = 1), ReLU(Name = "enc1")]
        [MaxPool2d(2)]
        [Conv2d(8, Kernel = 3, Padding = 1), ReLU(Name = "enc2")]
        [MaxPool2d(2)]
        [Conv2d(16, Kernel = 3, Padding = 1), ReLU]
        [ConvTranspose2d(8, Kernel = 2, Stride = 2, Name = "up2")]
        [Concat("enc2", "up2")]
        [Conv2d(8, Kernel = 3, Padding = 1), ReLU]
        [Upsample(2, Name = "up1")]
        [Concat("enc1", "up1")]
        [Conv2d(1, Kernel = 1)]
        public partial class UNet;
        """;

    /// <summary>A ResNet of blocks: a stem, two residual blocks, a projected downsampling block.</summary>
    public const string BlockResNet = """
        using SciDsl;

        namespace Vision;

        [Model("x: B,C,H,W")]
        [Conv2d(8, Kernel = 3, Padding = 1, Bias = false, Name = "conv1"), BatchNorm2d, ReLU]
        [Conv2d(8, Kernel = 3, Padding = 1, Bias = false, Name = "conv2"), BatchNorm2d]
        public partial class BasicBlock;

        [Model("x: B,C,H,W")]
        [Conv2d(16, Kernel = 3, Padding = 1, Stride = 2, Name = "conv1"), ReLU]
        [Conv2d(16, Kernel = 3, Padding = 1, Name = "conv2")]
        public partial class DownBlock;

        [Model("x: B,3,16,16")]
        [Use(typeof(BasicBlock), Name = "stem"), ReLU]
        [Residual(typeof(BasicBlock), Repeat = 2, Name = "res1"), ReLU]
        [Residual(typeof(DownBlock), Projection = true, Name = "res2"), ReLU]
        [GlobalAvgPool, Linear(10)]
        public partial class BlockResNet;
        """;

    /// <summary>Two lambdas, an instance one named and a static one, between layers: forward checks each result.</summary>
    public const string LambdaNet = """
        using SciDsl;
        using static TorchSharp.torch;

        namespace Signals;

        [Model("x: B,3,T")]
        [Conv1d(4, Kernel = 3, Padding = 1), ReLU]
        [Lambda(nameof(Mirror), "B,8,T", Name = "mirror")]
        [Lambda(nameof(Halve), "B,8,T")]
        [GlobalAvgPool, Linear(2)]
        public partial class LambdaNet
        {
            /// <summary>The features and their time reversal, as channels.</summary>
            private Tensor Mirror(Tensor x) => cat([x, x.flip(2)], 1);

            private static Tensor Halve(Tensor x) => x / 2;
        }
        """;
}
