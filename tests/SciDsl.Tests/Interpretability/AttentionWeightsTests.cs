using SciDsl.Interpretability;
using SciDsl.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SciDsl.Tests.Interpretability;

/// <summary>
/// Captured attention weights are distributions over keys, and are the weights the layer applied; a TransformerEncoder's
/// are recomputed per encoder layer and checked against libtorch's own output.
/// </summary>
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

        Assert.Contains("AttentionWeights: layer 'embed' is a Linear, not a MultiHeadAttention or TransformerEncoder layer", error.Message);
    }

    /// <summary>Every configuration libtorch's encoder has: 1 or 2 layers, 1 or 4 heads, a ReLU or GELU feed-forward.</summary>
    public static TheoryData<int, int, bool> EncoderConfigurations()
    {
        var configurations = new TheoryData<int, int, bool>();
        foreach (int layers in new[] { 1, 2 })
            foreach (int heads in new[] { 1, 4 })
                foreach (bool gelu in new[] { false, true })
                    configurations.Add(layers, heads, gelu);
        return configurations;
    }

    [Theory]
    [MemberData(nameof(EncoderConfigurations))]
    public void Encoder_weights_are_each_layers_softmax_computed_by_hand_from_libtorchs_own_intermediate_output(int layers, int heads, bool gelu)
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(20 + layers * 10 + heads + (gelu ? 5 : 0));
        var model = new NativeEncoder(layers, heads, gelu);
        var x = randn(3, 5, 8);

        var weights = AttentionWeights.Capture(model, x, "enc")["enc"];

        Assert.Equal(new long[] { layers, 3, 5, 5 }, weights.shape);
        Assert.True(weights.sum(-1).allclose(ones(layers, 3, 5), rtol: 0, atol: 1e-6));
        for (int layer = 0; layer < layers; layer++)
        {
            var byHand = SoftmaxByHand(model, layer, model.FirstLayersNatively(layer, x));
            Assert.True(weights[layer].allclose(byHand, rtol: 0, atol: 1e-5), $"layer {layer}: max difference {(weights[layer] - byHand).abs().max().item<float>()}");
        }
    }

    [Theory]
    [MemberData(nameof(EncoderConfigurations))]
    public void Encoder_recomputed_in_managed_code_gives_libtorchs_output(int layers, int heads, bool gelu)
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(40 + layers * 10 + heads + (gelu ? 5 : 0));
        var model = new NativeEncoder(layers, heads, gelu);
        model.eval();
        using var noGradient = no_grad();
        var x = randn(4, 7, 8);

        var (recomputed, _) = EncoderAttention.Recompute(model.enc, x, null, heads, gelu ? t => nn.functional.gelu(t) : t => nn.functional.relu(t));

        var native = model.forward(x);
        Assert.True(recomputed.allclose(native, rtol: 0, atol: 1e-5), $"max difference {(recomputed - native).abs().max().item<float>()}");
    }

    [Fact]
    public void Encoder_with_zero_query_and_key_projections_attends_uniformly_in_every_layer()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(31);
        var model = new NativeEncoder(layers: 2, heads: 4, gelu: false);
        using (no_grad())
            foreach (var (name, parameter) in model.named_parameters().Where(p => p.name.Contains("in_proj")))
                parameter.narrow(0, 0, 16).zero_(); // the query and key rows of the packed projection; the values stay random

        var weights = AttentionWeights.Capture(model, randn(2, 5, 8), "enc")["enc"];

        Assert.True(weights.allclose(full(2, 2, 5, 5, 0.2f), rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Encoder_attends_to_a_planted_key_exactly_as_its_scores_say()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(32);
        var model = new NativeEncoder(layers: 1, heads: 1, gelu: false, width: 4);
        using (no_grad())
        {
            var parameters = model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
            var projection = parameters["enc.layers.0.self_attn.in_proj_weight"];
            var bias = parameters["enc.layers.0.self_attn.in_proj_bias"];
            projection.narrow(0, 0, 8).zero_();
            bias.narrow(0, 0, 8).zero_();
            bias[0] = tensor(10f); // every query is (10, 0, 0, 0)
            projection[4, 0] = tensor(1f); // a key is feature 0 of its token, so the score is 10 · x0 / √4
        }
        var x = randn(3, 5, 4);
        x[.., .., 0] = zeros(3, 5);
        var planted = new long[] { 2, 0, 4 };
        for (int sample = 0; sample < 3; sample++) x[sample, planted[sample], 0] = tensor(1f);

        var weights = AttentionWeights.Capture(model, x, "enc")["enc"][0];

        double onPlanted = Math.Exp(5) / (Math.Exp(5) + 4), elsewhere = 1 / (Math.Exp(5) + 4);
        for (int sample = 0; sample < 3; sample++)
        {
            var expected = full(new long[] { 5, 5 }, elsewhere, float64);
            expected[.., planted[sample]] = full(new long[] { 5 }, onPlanted, float64);
            Assert.True(weights[sample].to(float64).allclose(expected, rtol: 0, atol: 1e-6), $"sample {sample}: max difference {(weights[sample].to(float64) - expected).abs().max().item<double>()}");
        }
    }

    [Fact]
    public void Encoder_called_with_a_causal_mask_gives_later_keys_zero_weight()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(33);
        var model = new NativeEncoder(layers: 2, heads: 2, gelu: false);
        var x = randn(2, 6, 8);
        var mask = full(6, 6, double.NegativeInfinity).triu(1);

        var weights = AttentionWeights.Capture(model, () => model.enc.call(x.transpose(0, 1), mask), "enc")["enc"];

        Assert.Equal(0f, weights.triu(1).abs().max().item<float>());
        Assert.True(weights.sum(-1).allclose(ones(2, 2, 6), rtol: 0, atol: 1e-6));
        var byHand = SoftmaxByHand(model, 0, x, mask);
        Assert.True(weights[0].allclose(byHand, rtol: 0, atol: 1e-5), $"max difference {(weights[0] - byHand).abs().max().item<float>()}");
    }

    [Fact]
    public void Encoder_whose_output_the_recomputation_does_not_reproduce_is_refused_not_guessed()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(34);
        var model = new NativeEncoder(layers: 1, heads: 2, gelu: false);
        // Stands in for an encoder computing something else: its output, as later hooks see it, is not what its layers give.
        model.enc.register_forward_hook((_, _, _, _, output) => output + 0.01);

        var error = Assert.Throws<InvalidOperationException>(() => AttentionWeights.Capture(model, randn(2, 5, 8), "enc"));

        Assert.Contains("the attention of TransformerEncoder 'enc' cannot be recomputed", error.Message);
        Assert.Contains("its weights are not returned", error.Message);
    }

    [Fact]
    public void Encoder_whose_output_several_head_counts_reproduce_with_different_weights_is_refused_not_guessed()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(36);
        var model = new NativeEncoder(layers: 1, heads: 2, gelu: false);
        using (no_grad())
            foreach (var (name, parameter) in model.named_parameters().Where(p => p.name.EndsWith("in_proj_weight") || p.name.EndsWith("out_proj.weight")))
                (name.EndsWith("in_proj_weight") ? parameter.narrow(0, 16, 8) : parameter).zero_(); // no value reaches the output, whatever the weights

        var error = Assert.Throws<InvalidOperationException>(() => AttentionWeights.Capture(model, randn(2, 5, 8), "enc"));

        Assert.Contains("whose attention weights differ, so which weights it applied is unknown", error.Message);
    }

    [Fact]
    public void Encoder_called_with_a_key_padding_mask_is_refused_by_name()
    {
        using var scope = NewDisposeScope();
        var model = new NativeEncoder(layers: 1, heads: 2, gelu: false);
        var x = randn(2, 5, 8);
        var padding = zeros(new long[] { 2, 5 }, ScalarType.Bool);

        var error = Assert.Throws<ArgumentException>(() => AttentionWeights.Capture(model, () => model.enc.call(x.transpose(0, 1), null, padding), "enc"));

        Assert.Contains("layer 'enc' was called with a key padding mask", error.Message);
    }

    [Fact]
    public void Encoder_trained_to_read_the_marked_token_attends_to_it()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(35);
        var model = new MarkedTokenReader();
        var optimizer = optim.Adam(model.parameters(), lr: 0.01);
        var random = new Random(35);
        for (int step = 0; step < 150; step++)
        {
            using var stepScope = NewDisposeScope();
            var (batch, answers, _) = MarkedTokens(64, random);
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.forward(batch), answers).backward();
            optimizer.step();
        }
        var (x, y, marked) = MarkedTokens(200, random);

        var weights = AttentionWeights.Capture(model, x, "enc")["enc"][0]; // [B, T, T]

        model.eval();
        double accuracy;
        using (no_grad()) accuracy = model.forward(x).argmax(-1).eq(y).to(float32).mean().item<float>();
        double onMarked = weights.gather(2, marked.view(-1, 1, 1).expand(-1, 6, 1)).mean().item<float>();
        Assert.True(accuracy > 0.9, $"accuracy {accuracy:F3}");
        Assert.True(onMarked > 0.8, $"mean attention on the marked token {onMarked:F3} (uniform is {1 / 6.0:F3}), accuracy {accuracy:F3}");
    }

    /// <summary>Six tokens of a random class (one-hot in features 0–3), one marked (feature 4); the answer is the marked token's class.</summary>
    private static (Tensor X, Tensor Answers, Tensor Marked) MarkedTokens(int count, Random random)
    {
        var x = zeros(count, 6, 5);
        var answers = new long[count];
        var marked = new long[count];
        for (int sample = 0; sample < count; sample++)
        {
            marked[sample] = random.Next(6);
            for (int position = 0; position < 6; position++)
            {
                int token = random.Next(4);
                x[sample, position, token] = tensor(1f);
                if (position == marked[sample]) answers[sample] = token;
            }
            x[sample, marked[sample], 4] = tensor(1f);
        }
        return (x, tensor(answers), tensor(marked));
    }

    /// <summary>
    /// Layer <paramref name="layer"/>'s softmax(QKᵀ/√d) averaged over heads, computed by hand from its packed projection
    /// and the input <paramref name="input"/> [B, T, D] it receives.
    /// </summary>
    private static Tensor SoftmaxByHand(NativeEncoder model, int layer, Tensor input, Tensor? mask = null)
    {
        using var noGradient = no_grad();
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        var weight = parameters[$"enc.layers.{layer}.self_attn.in_proj_weight"];
        var bias = parameters[$"enc.layers.{layer}.self_attn.in_proj_bias"];
        long batch = input.shape[0], length = input.shape[1], width = input.shape[2], headWidth = width / model.Heads;
        Tensor Heads(int part) => nn.functional.linear(input, weight.narrow(0, part * width, width), bias.narrow(0, part * width, width))
            .reshape(batch, length, model.Heads, headWidth).transpose(1, 2);
        var scores = Heads(0).matmul(Heads(1).transpose(-1, -2)) / Math.Sqrt(headWidth);
        return softmax(mask is null ? scores : scores + mask, -1).mean(new long[] { 1 });
    }

    /// <summary>A native TorchSharp encoder over batch-first [B, T, D], called the way generated models call it.</summary>
    private sealed class NativeEncoder : nn.Module<Tensor, Tensor>
    {
        private readonly bool _gelu;
        private readonly long _width;
        public readonly TransformerEncoder enc;

        public NativeEncoder(int layers, int heads, bool gelu, long width = 8) : base(nameof(NativeEncoder))
        {
            (Heads, _gelu, _width) = (heads, gelu, width);
            var activation = gelu ? nn.Activations.GELU : nn.Activations.ReLU;
            enc = nn.TransformerEncoder(nn.TransformerEncoderLayer(width, heads, 16, 0.1, activation), layers);
            RegisterComponents();
        }

        public long Heads { get; }

        public override Tensor forward(Tensor x) => enc.call(x.transpose(0, 1)).transpose(0, 1);

        /// <summary>What libtorch's own encoder makes of <paramref name="x"/> after the first <paramref name="count"/> layers.</summary>
        public Tensor FirstLayersNatively(int count, Tensor x)
        {
            if (count == 0) return x;
            var prefix = new NativeEncoder(count, (int)Heads, _gelu, _width);
            var parameters = named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
            using var noGradient = no_grad();
            foreach (var (name, parameter) in prefix.named_parameters())
                parameter.copy_(parameters[name]);
            prefix.eval();
            return prefix.forward(x);
        }
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
