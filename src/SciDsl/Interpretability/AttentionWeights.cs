using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>The attention weights of named <c>MultiHeadAttention</c> and <c>TransformerEncoder</c> layers, captured from one forward pass.</summary>
public static class AttentionWeights
{
    /// <summary>
    /// Runs <paramref name="model"/> once on <paramref name="x"/> and returns, for each attention layer in
    /// <paramref name="layers"/>, its softmax weights [B, Tq, Tk] averaged over heads: row (b, q) says how much query
    /// position q of sample b drew from each key position, and sums to 1 (causally masked keys get 0). The model runs
    /// in eval mode without gradients and is given back in the modes it had.
    /// For a <c>TransformerEncoder</c> the weights are [layers, B, T, T], one [B, T, T] per encoder layer in order: libtorch
    /// runs the encoder natively, so they are recomputed from its input and parameters, and returned only when the
    /// recomputed output equals the native output within 1e-4.
    /// </summary>
    /// <exception cref="ArgumentException">No layers named, a name the model lacks, or a layer that is not attention.</exception>
    /// <exception cref="InvalidOperationException">A <c>TransformerEncoder</c> whose output the recomputation does not reproduce.</exception>
    public static IReadOnlyDictionary<string, Tensor> Capture(nn.Module<Tensor, Tensor> model, Tensor x, params string[] layers) =>
        Capture(model, () => model.forward(x), layers);

    /// <summary>As <see cref="Capture(nn.Module{Tensor, Tensor}, Tensor, string[])"/> for any model: <paramref name="forward"/> runs it once.</summary>
    public static IReadOnlyDictionary<string, Tensor> Capture(nn.Module model, Action forward, params string[] layers) =>
        LayerCapture.Run(model, forward, layers, Method,
            name => (Name: name, Layer: NamedLayers.Find(model, name, Method) switch
            {
                MultiheadAttention attention => attention,
                TransformerEncoder encoder => (nn.Module)encoder,
                var other => throw new ArgumentException(
                    $"{Method}: layer '{name}' is a {other.GetType().Name}, not a MultiHeadAttention or TransformerEncoder layer.", nameof(layers)),
            }),
            (found, keep) => found.Layer is TransformerEncoder encoder
                ? EncoderAttention.Hook(encoder, found.Name, Method, keep)
                : Hook((MultiheadAttention)found.Layer, keep));

    private static IEnumerable<Action> Hook(MultiheadAttention layer, Action<Tensor> keep)
    {
        // The pre-hook asks the layer for its weights (the model's forward does not need them); the post-hook keeps them.
        var ask = layer.register_forward_pre_hook((_, query, key, value, padding, _, mask) => (query, key, value, padding, true, mask));
        var keepWeights = layer.register_forward_hook((_, _, _, _, _, _, _, result) =>
        {
            keep(result.Item2);
            return result;
        });
        return new Action[] { ask.remove, keepWeights.remove };
    }

    private const string Method = nameof(AttentionWeights);
}
