using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SciDsl.Benchmarks;

// Hand-written TorchSharp twins of Architectures.cs: the same layers with the same parameter and buffer names, so
// the generated model's state dict loads into them (strictly) and both start from the same weights. No shape
// guards and no token-id checks: the baseline that isolates what the generated code adds.

/// <summary><see cref="ResNetBasicBlock"/> (stride 1) and <see cref="ResNetDownBlock"/> (stride 2) by hand.</summary>
public sealed class HandWrittenResNetBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly ReLU relu = nn.ReLU();
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;

    public HandWrittenResNetBlock(long inChannels, long outChannels, long stride) : base(nameof(HandWrittenResNetBlock))
    {
        conv1 = nn.Conv2d(inChannels, outChannels, kernel_size: 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(outChannels);
        conv2 = nn.Conv2d(outChannels, outChannels, kernel_size: 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(outChannels);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => bn2.forward(conv2.forward(relu.forward(bn1.forward(conv1.forward(x)))));
}

/// <summary>A downsampling block beside its strided 1×1 shortcut projection.</summary>
public sealed class HandWrittenProjectedBlock : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Parameter names follow the fields: block.conv1.weight, projection.weight.
    private readonly HandWrittenResNetBlock block;
    private readonly Conv2d projection;
#pragma warning restore IDE1006

    public HandWrittenProjectedBlock(long inChannels, long outChannels) : base(nameof(HandWrittenProjectedBlock))
    {
        block = new HandWrittenResNetBlock(inChannels, outChannels, stride: 2);
        projection = nn.Conv2d(inChannels, outChannels, kernel_size: 1, stride: 2, bias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => projection.forward(x) + block.forward(x);
}

/// <summary><see cref="ResNet"/> by hand.</summary>
public sealed class HandWrittenResNet : nn.Module<Tensor, Tensor>
{
    private readonly HandWrittenResNetBlock stem = new(3, 16, stride: 1);
    private readonly ModuleList<HandWrittenResNetBlock> res1 = new(new HandWrittenResNetBlock(16, 16, stride: 1), new HandWrittenResNetBlock(16, 16, stride: 1));
    private readonly HandWrittenProjectedBlock res2 = new(16, 32);
    private readonly ReLU relu = nn.ReLU();
    private readonly Linear head = nn.Linear(32, 10);

    public HandWrittenResNet() : base(nameof(HandWrittenResNet))
    {
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = relu.forward(stem.forward(x));
        foreach (var block in res1) x = x + block.forward(x);
        x = relu.forward(x);
        x = relu.forward(res2.forward(x));
        return head.forward(x.mean([2, 3]));
    }
}

/// <summary><see cref="LstmClassifier"/> by hand.</summary>
public sealed class HandWrittenLstmClassifier : nn.Module<Tensor, Tensor>
{
    private readonly Embedding embedding = nn.Embedding(LstmClassifier.Vocabulary, 16);
    private readonly LSTM lstm = nn.LSTM(16, 32, batchFirst: true);
    private readonly Linear head = nn.Linear(32, 2);

    public HandWrittenLstmClassifier() : base(nameof(HandWrittenLstmClassifier))
    {
        RegisterComponents();
    }

    public override Tensor forward(Tensor tokens)
    {
        var (_, hidden, _) = lstm.forward(embedding.forward(tokens));
        return head.forward(hidden[0]);
    }
}

/// <summary><see cref="TransformerClassifier"/> by hand.</summary>
public sealed class HandWrittenTransformerClassifier : nn.Module<Tensor, Tensor>
{
    private const int Width = 32;
    private const int MaxLength = 64;

    private readonly Embedding embedding = nn.Embedding(LstmClassifier.Vocabulary, Width);
    private readonly TransformerEncoder encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(Width, 4, 64, 0.1), 2);
    private readonly Linear head = nn.Linear(Width, 2);
    private readonly Tensor positions;

    public HandWrittenTransformerClassifier() : base(nameof(HandWrittenTransformerClassifier))
    {
        // Sinusoidal table: sin at even features, cos at odd ones.
        using (var scope = torch.NewDisposeScope())
        {
            var angles = torch.arange(MaxLength, dtype: float64).unsqueeze(1) * torch.exp(torch.arange(0, Width, 2, dtype: float64) * (-Math.Log(10000.0) / Width));
            positions = torch.stack([torch.sin(angles), torch.cos(angles)], 2).reshape(MaxLength, Width).to(float32).MoveToOuterDisposeScope();
        }
        // Registered one by one: the table is a non-persistent buffer, outside the state dict.
        register_module(nameof(embedding), embedding);
        register_module(nameof(encoder), encoder);
        register_module(nameof(head), head);
        register_buffer("table", positions, persistent: false);
    }

    public override Tensor forward(Tensor tokens)
    {
        var x = embedding.forward(tokens) + positions.narrow(0, 0, tokens.shape[1]);
        x = encoder.call(x.transpose(0, 1)).transpose(0, 1);
        return head.forward(x.mean([1]));
    }
}
