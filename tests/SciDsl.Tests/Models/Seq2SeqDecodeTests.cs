using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Models;

/// <summary>
/// <see cref="Seq2Seq.GreedyDecode"/> with a hand-written "counting" model whose best next token is the target's last
/// token plus the source's first token (mod the vocabulary): only a decoder fed its own predictions counts up.
/// </summary>
public sealed class Seq2SeqDecodeTests
{
    private const int Vocabulary = 10;

    private sealed class CountingModel() : nn.Module<Tensor, Tensor, Tensor>(nameof(CountingModel))
    {
        public override Tensor forward(Tensor source, Tensor target) =>
            nn.functional.one_hot((target + source.narrow(1, 0, 1)).remainder(Vocabulary), Vocabulary).to(float32);
    }

    private sealed class FlatModel() : nn.Module<Tensor, Tensor, Tensor>(nameof(FlatModel))
    {
        public override Tensor forward(Tensor source, Tensor target) => zeros(target.shape[0], Vocabulary);
    }

    [Fact]
    public void Each_step_reads_the_models_own_earlier_predictions()
    {
        using var model = new CountingModel();
        using var source = tensor(new long[,] { { 1, 9 }, { 2, 9 } });

        using var decoded = Seq2Seq.GreedyDecode(model, source, bos: 0, maxLength: 4);

        Assert.Equal(ScalarType.Int64, decoded.dtype);
        Assert.Equal(new long[,] { { 1, 2, 3, 4 }, { 2, 4, 6, 8 } }, ToArray(decoded));
    }

    [Fact]
    public void Decoding_stops_once_every_sequence_has_ended_and_pads_finished_ones_with_the_end_token()
    {
        using var model = new CountingModel();
        using var source = tensor(new long[,] { { 1 }, { 3 } });

        using var decoded = Seq2Seq.GreedyDecode(model, source, bos: 0, maxLength: 8, end: 3);

        Assert.Equal(new long[,] { { 1, 2, 3 }, { 3, 3, 3 } }, ToArray(decoded));
    }

    [Fact]
    public void A_model_without_per_position_scores_is_named_in_the_error()
    {
        using var model = new FlatModel();
        using var source = zeros(2, 3, dtype: int64);

        var error = Assert.Throws<ArgumentException>(() => Seq2Seq.GreedyDecode(model, source, bos: 0, maxLength: 2));

        Assert.Contains("FlatModel returned scores of shape [2, 10] for a target of shape [2, 1]", error.Message);
        Assert.Contains("[B, T, vocabulary]", error.Message);
    }

    private static long[,] ToArray(Tensor ids)
    {
        var result = new long[ids.shape[0], ids.shape[1]];
        for (int row = 0; row < result.GetLength(0); row++)
            for (int column = 0; column < result.GetLength(1); column++)
                result[row, column] = ids[row, column].item<long>();
        return result;
    }
}
