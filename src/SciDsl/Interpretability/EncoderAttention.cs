using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>
/// The attention weights of a native <c>TransformerEncoder</c>, whose layers run inside libtorch where no hook reaches
/// them: a hook keeps the encoder's input and output, and each encoder layer is recomputed in managed TorchSharp from
/// its parameters. libtorch's encoder layer is post-norm (attention, add, norm1; feed-forward, add, norm2, eps 1e-5)
/// with a ReLU or GELU feed-forward, and its module does not say which activation or how many heads it has, so every
/// head count dividing the width is tried with both activations. A candidate counts only when its recomputed output
/// equals the native output within <see cref="Tolerance"/>; none, or two that disagree on the weights, is an error,
/// so a configuration the recomputation does not reproduce can never return wrong weights.
/// </summary>
internal static class EncoderAttention
{
    /// <summary>The largest difference allowed between the recomputed and the native encoder output.</summary>
    public const double Tolerance = 1e-4;

    private const double NormEps = 1e-5;

    private static readonly (string Name, Func<Tensor, Tensor> Apply)[] Activations =
    {
        ("ReLU", t => nn.functional.relu(t)),
        ("GELU", t => nn.functional.gelu(t)),
    };

    /// <summary>Hooks <paramref name="encoder"/> to hand its weights [layers, B, T, T] (mean over heads) to <paramref name="keep"/>.</summary>
    public static IEnumerable<Action> Hook(TransformerEncoder encoder, string name, string method, Action<Tensor> keep)
    {
        var hook = encoder.register_forward_hook((_, source, mask, padding, output) =>
        {
            keep(Weights(encoder, name, method, source, mask, padding, output));
            return output;
        });
        return new Action[] { hook.remove };
    }

    /// <summary>
    /// The per-layer weights [layers, B, T, T] for the sequence-first <paramref name="source"/> [T, B, D] the encoder
    /// turned into <paramref name="native"/>.
    /// </summary>
    private static Tensor Weights(TransformerEncoder encoder, string name, string method, Tensor source, Tensor? mask, Tensor? padding, Tensor native)
    {
        if (padding is not null)
            throw new ArgumentException(
                $"{method}: layer '{name}' was called with a key padding mask, which the recomputation of its attention does not apply; capture it without one.");
        if (mask is not null && mask.dim() != 2)
            throw new ArgumentException(
                $"{method}: layer '{name}' was called with a {mask.dim()}-D attention mask; the recomputation of its attention applies a [T, T] mask only.");
        var x = source.transpose(0, 1); // [B, T, D]
        long width = x.shape[2];
        var expected = native.transpose(0, 1);

        var matches = new List<(long Heads, string Activation, Tensor Weights)>();
        double closest = double.PositiveInfinity;
        foreach (var activation in Activations)
            for (long heads = 1; heads <= width; heads++)
            {
                if (width % heads != 0) continue;
                using var candidate = NewDisposeScope();
                var (output, weights) = Recompute(encoder, x, mask, heads, activation.Apply);
                double difference = (output - expected).abs().max().to(ScalarType.Float64).item<double>();
                closest = Math.Min(closest, difference);
                if (difference <= Tolerance) matches.Add((heads, activation.Name, weights.MoveToOuterDisposeScope()));
            }
        if (matches.Count == 0)
            throw new InvalidOperationException(
                $"{method}: the attention of TransformerEncoder '{name}' cannot be recomputed: no head count with a ReLU or GELU post-norm encoder layer " +
                $"reproduces its output (closest max difference {closest:G3}, allowed {Tolerance:G1}), so its weights are not returned.");
        var first = matches[0];
        foreach (var other in matches.Skip(1))
            if (!other.Weights.allclose(first.Weights, rtol: 0, atol: Tolerance))
                throw new InvalidOperationException(
                    $"{method}: the output of TransformerEncoder '{name}' is reproduced by {first.Heads} heads with {first.Activation} and by " +
                    $"{other.Heads} heads with {other.Activation}, whose attention weights differ, so which weights it applied is unknown.");
        return first.Weights;
    }

    /// <summary>
    /// The output [B, T, D] of <paramref name="encoder"/> on the batch-first <paramref name="x"/>, recomputed from its
    /// parameters as post-norm layers of <paramref name="heads"/> heads, and each layer's weights averaged over heads [layers, B, T, T].
    /// </summary>
    internal static (Tensor Output, Tensor Weights) Recompute(TransformerEncoder encoder, Tensor x, Tensor? mask, long heads, Func<Tensor, Tensor> activation)
    {
        var parameters = encoder.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        int layers = 0;
        while (parameters.ContainsKey($"layers.{layers}.self_attn.in_proj_weight"))
            layers++;
        long batch = x.shape[0], length = x.shape[1], width = x.shape[2], headWidth = width / heads;
        var additiveMask = mask is null ? null
            : mask.dtype == ScalarType.Bool ? zeros(mask.shape, x.dtype, x.device).masked_fill(mask, double.NegativeInfinity)
            : mask.to(x.dtype);
        Tensor Split(Tensor projected) => projected.reshape(batch, length, heads, headWidth).transpose(1, 2); // [B, H, T, hd]
        Tensor Norm(Tensor input, string prefix) =>
            nn.functional.layer_norm(input, new[] { width }, parameters[prefix + "weight"], parameters[prefix + "bias"], NormEps);
        Tensor Dense(Tensor input, string prefix) => nn.functional.linear(input, parameters[prefix + "weight"], parameters[prefix + "bias"]);

        var weights = new List<Tensor>();
        for (int layer = 0; layer < layers; layer++)
        {
            string prefix = $"layers.{layer}.";
            var projected = nn.functional.linear(x, parameters[prefix + "self_attn.in_proj_weight"], parameters[prefix + "self_attn.in_proj_bias"]).chunk(3, -1);
            var scores = Split(projected[0]).matmul(Split(projected[1]).transpose(-1, -2)) / Math.Sqrt(headWidth);
            var layerWeights = softmax(additiveMask is null ? scores : scores + additiveMask, -1); // [B, H, T, T]
            var attended = layerWeights.matmul(Split(projected[2])).transpose(1, 2).reshape(batch, length, width);
            x = Norm(x + Dense(attended, prefix + "self_attn.out_proj."), prefix + "norm1.");
            x = Norm(x + Dense(activation(Dense(x, prefix + "linear1.")), prefix + "linear2."), prefix + "norm2.");
            weights.Add(layerWeights.mean(new long[] { 1 }));
        }
        if (parameters.ContainsKey("norm.weight")) x = Norm(x, "norm.");
        return (x, stack(weights));
    }
}
