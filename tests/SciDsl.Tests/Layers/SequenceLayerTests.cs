using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Layers;

/// <summary>Run-time behaviour of the sequence layers beyond ONNX parity: refusals, final-state semantics, the table.</summary>
public sealed class SequenceLayerTests
{
    [Fact]
    public void Embedding_refuses_a_token_id_outside_the_vocabulary_naming_layer_and_sizes()
    {
        using var model = new EmbeddingSequenceModel();
        using var scope = NewDisposeScope();

        var tooLarge = Assert.Throws<SequenceInputException>(() => model.forward(tensor(new long[] { 3, 11, 2 }).reshape(1, 3)));
        var negative = Assert.Throws<SequenceInputException>(() => model.forward(tensor(new long[] { -1, 0 }).reshape(1, 2)));

        Assert.Equal("embedding_1", tooLarge.Layer);
        Assert.Contains("token id 11 is outside the vocabulary of 11", tooLarge.Message);
        Assert.Contains("[0, 10]", tooLarge.Message);
        Assert.Contains("token id -1", negative.Message);
    }

    [Fact]
    public void Positional_encoding_refuses_a_sequence_longer_than_its_table()
    {
        using var model = new PositionalEncodingSequenceModel();
        using var scope = NewDisposeScope();

        var error = Assert.Throws<SequenceInputException>(() => model.forward(zeros(2, 51, 6)));

        Assert.Equal("positionalencoding_1", error.Layer);
        Assert.Contains("51 steps", error.Message);
        Assert.Contains("holds 50", error.Message);
        Assert.Equal([2L, 50, 6], model.forward(zeros(2, 50, 6)).shape);
    }

    [Fact]
    public void Positional_encoding_adds_sin_at_even_and_cos_at_odd_features()
    {
        using var model = new PositionalEncodingModel();
        using var scope = NewDisposeScope();

        var output = GeneratedModels.Infer(model, ones(1, 5, 6));

        for (int t = 0; t < 5; t++)
            for (int i = 0; i < 3; i++)
            {
                double angle = t / Math.Pow(10000, 2.0 * i / 6);
                Assert.Equal(1 + Math.Sin(angle), output[0, t, 2 * i].item<float>(), 5);
                Assert.Equal(1 + Math.Cos(angle), output[0, t, 2 * i + 1].item<float>(), 5);
            }
    }

    [Fact]
    public void Final_state_of_one_direction_is_the_last_step_output()
    {
        torch.manual_seed(7);
        using var final = new LSTMModel();
        using var sequences = new LSTMSequencesModel();
        sequences.load_state_dict(final.state_dict());
        using var scope = NewDisposeScope();
        var x = randn(3, 5, 3);

        var steps = GeneratedModels.Infer(sequences, x);

        Assert.True(GeneratedModels.Infer(final, x).allclose(steps[.., -1, ..], rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Bidirectional_final_state_is_the_forward_last_step_then_the_backward_first_step()
    {
        torch.manual_seed(7);
        using var final = new LSTMStackedBidirectionalModel();
        using var sequences = new LSTMStackedBidirectionalSequencesModel();
        sequences.load_state_dict(final.state_dict());
        using var scope = NewDisposeScope();
        var x = randn(3, 6, 3);

        var steps = GeneratedModels.Infer(sequences, x);
        var expected = cat([steps[.., -1, ..4], steps[.., 0, 4..]], 1);

        Assert.True(GeneratedModels.Infer(final, x).allclose(expected, rtol: 0, atol: 1e-6));
    }
}
