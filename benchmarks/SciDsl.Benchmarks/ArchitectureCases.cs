using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Benchmarks;

/// <summary>The three architectures the issue-6 benchmarks compare: models, inputs and labels by name.</summary>
public static class ArchitectureCases
{
    /// <summary>The <c>[Params]</c> values.</summary>
    public const string ResNet = nameof(ResNet);
    public const string Lstm = nameof(Lstm);
    public const string Transformer = nameof(Transformer);

    /// <summary>Tokens per sequence for the sequence models.</summary>
    public const int SequenceLength = 32;

    /// <summary>A fresh generated model (weights from the seeded generator).</summary>
    public static nn.Module<Tensor, Tensor> Generated(string architecture) => architecture switch
    {
        ResNet => new ResNet(),
        Lstm => new LstmClassifier(),
        Transformer => new TransformerClassifier(),
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, null),
    };

    /// <summary>Writes the generated <paramref name="model"/>'s ONNX file.</summary>
    public static void ExportOnnx(nn.Module<Tensor, Tensor> model, string path)
    {
        switch (model)
        {
            case ResNet resNet: resNet.ExportOnnx(path); break;
            case LstmClassifier lstm: lstm.ExportOnnx(path); break;
            case TransformerClassifier transformer: transformer.ExportOnnx(path); break;
            default: throw new ArgumentOutOfRangeException(nameof(model), model.GetName(), null);
        }
    }

    /// <summary>The hand-written twin, holding a copy of <paramref name="generated"/>'s state dict.</summary>
    public static nn.Module<Tensor, Tensor> HandWritten(string architecture, nn.Module<Tensor, Tensor> generated)
    {
        nn.Module<Tensor, Tensor> handWritten = architecture switch
        {
            ResNet => new HandWrittenResNet(),
            Lstm => new HandWrittenLstmClassifier(),
            Transformer => new HandWrittenTransformerClassifier(),
            _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, null),
        };
        var source = generated.state_dict();
        var target = handWritten.state_dict();
        if (!source.Keys.Order().SequenceEqual(target.Keys.Order()))
            throw new InvalidOperationException($"{architecture}: state dicts differ: [{string.Join(", ", source.Keys.Order())}] vs [{string.Join(", ", target.Keys.Order())}].");
        handWritten.load_state_dict(source);
        return handWritten;
    }

    /// <summary>A batch of inputs: images for the ResNet, token ids for the sequence models.</summary>
    public static Tensor Input(string architecture, int batchSize) => architecture switch
    {
        ResNet => torch.tensor(BenchmarkSetup.RandomInput(batchSize * 3 * 16 * 16), [batchSize, 3, 16, 16]),
        _ => torch.tensor(TokenIds(batchSize * SequenceLength), [batchSize, SequenceLength]),
    };

    /// <summary>Random class labels for a batch.</summary>
    public static Tensor Labels(string architecture, int batchSize) =>
        torch.randint(0, architecture == ResNet ? 10 : 2, [batchSize], dtype: ScalarType.Int64);

    /// <summary>Deterministic token ids in [0, vocabulary).</summary>
    public static long[] TokenIds(int count)
    {
        var random = new Random(BenchmarkSetup.Seed);
        var ids = new long[count];
        for (int i = 0; i < ids.Length; i++) ids[i] = random.Next(LstmClassifier.Vocabulary);
        return ids;
    }

    /// <summary>Throws unless both give the same eval-mode output for <paramref name="input"/>: the compared work is the same computation.</summary>
    public static void CheckSameOutput(nn.Module<Tensor, Tensor> expected, nn.Module<Tensor, Tensor> actual, Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        expected.eval();
        actual.eval();
        double difference = (expected.forward(input) - actual.forward(input)).abs().max().item<float>();
        if (difference > 1e-5)
            throw new InvalidOperationException($"{expected.GetName()} and {actual.GetName()} differ by {difference}.");
    }
}
