using SciDsl.Tests.Layers;
using SciDsl.Tests.Onnx;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace SciDsl.Tests.Architectures;

/// <summary>
/// A sequence-to-sequence Transformer: the source ids are embedded and encoded into the memory; the target ids (shifted
/// right behind a start token) are embedded and decoded causally against that memory into per-position digit scores.
/// </summary>
[Model("src: int64[B,S]; tgt: int64[B,T]")]
[Embedding(Seq2SeqTransformer.Vocabulary, 32)]
[PositionalEncoding(MaxLength = 32)]
[TransformerEncoder(1, 4, FeedForward = 64, Dropout = 0, Name = "memory")]
[Embedding(Seq2SeqTransformer.Vocabulary, 32, From = "tgt")]
[PositionalEncoding(MaxLength = 32)]
[TransformerDecoder(1, 4, Memory = "memory", FeedForward = 64, Dropout = 0)]
[Linear(Seq2SeqTransformer.Digits)]
public partial class Seq2SeqTransformer
{
    /// <summary>Digits 0–9 are the tokens; the decoder predicts only these.</summary>
    public const int Digits = 10;

    /// <summary>The start token fed before the first target position.</summary>
    public const long Bos = Digits;

    /// <summary>The digits and the start token.</summary>
    public const int Vocabulary = Digits + 1;
}

/// <summary>
/// Issue 6's sequence-to-sequence reference architecture on a synthetic task, reversing strings of six digits: trained
/// with teacher forcing, the loss falls, greedy decoding (each step fed the model's own predictions) reverses held-out
/// strings, and the export matches ONNX Runtime at two source and target lengths. Measured: the loss falls from 2.33 to
/// 0.016 and greedy decoding reverses 98.5 % of 200 fresh strings (98–100 % with seeds 1–3), about 10 s on a busy 2-core
/// machine; the bar is 90 %.
/// </summary>
public sealed class Seq2SeqTransformerTests(ITestOutputHelper output)
{
    private const int Length = 6;
    private const int BatchSize = 32;

    [Fact]
    public void Encoder_decoder_learns_to_reverse_digit_strings_decodes_greedily_and_exports()
    {
        torch.manual_seed(42);
        using var model = new Seq2SeqTransformer();

        var (first, last) = Train(model, steps: 150);
        output.WriteLine($"teacher-forced loss {first:F4} -> {last:F4}");
        Assert.True(last < 0.1 * first, $"loss went from {first} to {last}");

        model.eval();
        using var scope = NewDisposeScope();
        // Fresh random strings: training saw 4,800 of the 10^6 possible ones.
        var heldOut = randint(0, Seq2SeqTransformer.Digits, [200, Length], dtype: int64);
        var decoded = Seq2Seq.GreedyDecode(model, heldOut, Seq2SeqTransformer.Bos, Length);
        double accuracy = decoded.eq(heldOut.flip(1)).all(1).to(float32).mean().item<float>();
        output.WriteLine($"held-out exact-sequence accuracy of greedy decoding: {accuracy:P1}");
        Assert.True(accuracy >= 0.9, $"greedy decoding reversed {accuracy:P1} of held-out strings");

        using var directory = new TempDirectory();
        string path = directory.File("seq2seq.onnx");
        model.ExportOnnx(path);
        OnnxOperatorRules.AssertValid(path);
        foreach (long batch in new long[] { 1, 7 })
            foreach (var (sourceLength, targetLength) in new (long, long)[] { (6, 1), (6, 6), (9, 4) })
            {
                var inputs = new Dictionary<string, Tensor>
                {
                    ["src"] = randint(0, Seq2SeqTransformer.Vocabulary, [batch, sourceLength], dtype: int64),
                    ["tgt"] = randint(0, Seq2SeqTransformer.Vocabulary, [batch, targetLength], dtype: int64),
                };
                var expected = GeneratedModels.Infer(model, inputs["src"], inputs["tgt"]);
                Assert.Equal(new[] { batch, targetLength, Seq2SeqTransformer.Digits }, expected.shape);
                OnnxRuntimeParity.AssertMatches(path, inputs, expected);
            }
    }

    /// <summary>
    /// Teacher forcing with Adam on fresh batches of 32 random strings: the decoder reads the start token and the reversed
    /// string but its last digit, and is scored on every position of the reversed string. Returns the first and last loss.
    /// </summary>
    private static (double First, double Last) Train(Seq2SeqTransformer model, int steps)
    {
        model.train();
        using var optimizer = optim.Adam(model.parameters(), lr: 3e-3);
        var losses = new List<double>();
        for (int step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            var source = randint(0, Seq2SeqTransformer.Digits, [BatchSize, Length], dtype: int64);
            var reversed = source.flip(1);
            var shifted = cat([full(BatchSize, 1, Seq2SeqTransformer.Bos, dtype: int64), reversed.narrow(1, 0, Length - 1)], 1);
            optimizer.zero_grad();
            var scores = model.forward(source, shifted);
            var loss = nn.functional.cross_entropy(scores.reshape(-1, Seq2SeqTransformer.Digits), reversed.reshape(-1));
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }
        // Averages over the first and last ten steps: single batches are noisy.
        return (losses.Take(10).Average(), losses.TakeLast(10).Average());
    }
}

public partial class Seq2SeqTransformer : IGeneratedModel;
