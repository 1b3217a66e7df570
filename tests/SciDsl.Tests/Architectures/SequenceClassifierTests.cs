using SciDsl.Tests.Layers;
using SciDsl.Tests.Onnx;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace SciDsl.Tests.Architectures;

/// <summary>Token sequence → embedding → LSTM → class scores.</summary>
[Model("tokens: int64[B,T]")]
[Embedding(Vocabulary, 8)]
[LSTM(16)]
[Linear(2)]
public partial class LstmSequenceClassifier
{
    public const int Vocabulary = 6;
}

/// <summary>The same with a bidirectional GRU over a positional-encoded embedding.</summary>
[Model("tokens: int64[B,T]")]
[Embedding(LstmSequenceClassifier.Vocabulary, 8)]
[PositionalEncoding(MaxLength = 64)]
[GRU(16, Bidirectional = true)]
[Linear(2)]
public partial class GruSequenceClassifier;

/// <summary>
/// Issue 6's LSTM and GRU sequence classifiers: trained a few steps on a synthetic task (does token 1
/// occur in a random sequence of ids?), the loss falls, and the export matches ONNX Runtime at
/// batch 1 and 7 and two sequence lengths.
/// </summary>
public sealed class SequenceClassifierTests(ITestOutputHelper output)
{
    [Fact]
    public void Lstm_classifier_learns_and_its_export_matches_onnx_runtime() => AssertLearnsAndExports<LstmSequenceClassifier>(output);

    [Fact]
    public void Gru_classifier_learns_and_its_export_matches_onnx_runtime() => AssertLearnsAndExports<GruSequenceClassifier>(output);

    /// <summary>Trains the classifier on the token task, then checks its export at two batch sizes and two lengths.</summary>
    internal static void AssertLearnsAndExports<TModel>(ITestOutputHelper output) where TModel : nn.Module<Tensor, Tensor>, IGeneratedModel, new()
    {
        torch.manual_seed(42);
        using var model = new TModel();

        var (first, last) = Train(model, steps: 40);
        output.WriteLine($"{typeof(TModel).Name}: loss {first:F4} -> {last:F4}");
        Assert.True(last < 0.7 * first, $"{typeof(TModel).Name}: loss went from {first} to {last}");

        model.eval();
        using var directory = new TempDirectory();
        string path = directory.File("classifier.onnx");
        model.ExportOnnx(path);
        OnnxOperatorRules.AssertValid(path);
        GeneratedModels.AssertOnnxParity(model, TModel.Signature, path, [1, 7], [5, 12],
            shape => randint(0, LstmSequenceClassifier.Vocabulary, shape, dtype: int64));
    }

    /// <summary>Adam on fresh batches of 32 random sequences of 10 ids; label 1 when id 1 occurs. Returns the first and last loss.</summary>
    private static (double First, double Last) Train(nn.Module<Tensor, Tensor> model, int steps)
    {
        model.train();
        using var optimizer = optim.Adam(model.parameters(), lr: 0.01);
        var losses = new List<double>();
        for (int step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            var tokens = randint(0, LstmSequenceClassifier.Vocabulary, [32, 10], dtype: int64);
            var labels = tokens.eq(1).any(1).to(int64);
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.forward(tokens), labels);
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }
        // Averages over the first and last five steps: single batches are noisy.
        return (losses.Take(5).Average(), losses.TakeLast(5).Average());
    }
}

public partial class LstmSequenceClassifier : IGeneratedModel;

public partial class GruSequenceClassifier : IGeneratedModel;
