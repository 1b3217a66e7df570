using SciDsl.Interpretability;
using SciDsl.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SciDsl.Tests.Interpretability;

/// <summary>Captured attention weights are distributions over keys, and are the weights the layer applied.</summary>
public sealed class AttentionWeightsTests
{
    [Fact]
    public void Causal_single_head_weights_sum_to_one_over_the_visible_keys_and_reproduce_the_layer_output_by_hand()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(11);
        var model = new CausalReader();
        var x = randn(3, 4, 6);

        var weights = AttentionWeights.Capture(model, x, "attn")["attn"];

        Assert.Equal(new long[] { 3, 4, 4 }, weights.shape);
        Assert.True(weights.sum(-1).allclose(ones(3, 4), rtol: 0, atol: 1e-6));
        Assert.Equal(0f, weights.triu(1).abs().max().item<float>()); // no query sees a later key
        model.eval();
        using var noGradient = no_grad();
        var (_, value, outWeight, outBias) = Projections(model.attn, width: 6);
        var byHand = nn.functional.linear(weights.matmul(nn.functional.linear(x, value.Weight, value.Bias)), outWeight, outBias);
        var layerOutput = SelfAttention.Forward(model.attn, x, causal: true);
        Assert.True(byHand.allclose(layerOutput, rtol: 0, atol: 1e-5), $"max difference {(byHand - layerOutput).abs().max().item<float>()}");
    }

    [Fact]
    public void Two_head_weights_are_the_mean_of_the_heads_softmax_computed_by_hand()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(12);
        var model = new AttentionReader();
        var x = randn(2, 5, 8);

        var weights = AttentionWeights.Capture(model, x, "attn")["attn"];

        model.eval();
        using var noGradient = no_grad();
        var embedded = model.embed.forward(x);
        var (query, _, _, _) = Projections(model.attn, width: 8);
        var key = Projections(model.attn, width: 8, part: 1);
        var q = nn.functional.linear(embedded, query.Weight, query.Bias).reshape(2, 5, 2, 4).transpose(1, 2);
        var k = nn.functional.linear(embedded, key.Weight, key.Bias).reshape(2, 5, 2, 4).transpose(1, 2);
        var perHead = softmax(q.matmul(k.transpose(-1, -2)) / Math.Sqrt(4), -1);
        Assert.Equal(new long[] { 2, 5, 5 }, weights.shape);
        Assert.True(weights.sum(-1).allclose(ones(2, 5), rtol: 0, atol: 1e-6));
        Assert.True(weights.allclose(perHead.mean(new long[] { 1 }), rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void A_layer_that_is_not_attention_is_refused_by_name()
    {
        using var scope = NewDisposeScope();
        var error = Assert.ThrowsAny<ArgumentException>(() => AttentionWeights.Capture(new AttentionReader(), randn(1, 5, 8), "embed"));

        Assert.Contains("AttentionWeights: layer 'embed' is a Linear, not a MultiHeadAttention layer", error.Message);
    }

    private sealed record Projection(Tensor Weight, Tensor Bias);

    /// <summary>The query, value and output projections of a TorchSharp attention module (in_proj packs query, key, value).</summary>
    private static (Projection Query, Projection Value, Tensor OutWeight, Tensor OutBias) Projections(MultiheadAttention attention, long width)
    {
        var parameters = attention.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        return (Projections(attention, width, 0), Projections(attention, width, 2), parameters["out_proj.weight"], parameters["out_proj.bias"]);
    }

    private static Projection Projections(MultiheadAttention attention, long width, int part)
    {
        var parameters = attention.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        return new Projection(parameters["in_proj_weight"].narrow(0, part * width, width), parameters["in_proj_bias"].narrow(0, part * width, width));
    }
}
