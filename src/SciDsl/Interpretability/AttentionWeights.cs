using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>The attention weights of named <c>MultiHeadAttention</c> layers, captured from one forward pass.</summary>
public static class AttentionWeights
{
    /// <summary>
    /// Runs <paramref name="model"/> once on <paramref name="x"/> and returns, for each attention layer in
    /// <paramref name="layers"/>, its softmax weights [B, Tq, Tk] averaged over heads: row (b, q) says how much query
    /// position q of sample b drew from each key position, and sums to 1 (causally masked keys get 0). The model runs
    /// in eval mode without gradients and is given back in the modes it had.
    /// </summary>
    /// <exception cref="ArgumentException">No layers named, a name the model lacks, or a layer that is not attention.</exception>
    public static IReadOnlyDictionary<string, Tensor> Capture(nn.Module<Tensor, Tensor> model, Tensor x, params string[] layers) =>
        Capture(model, () => model.forward(x), layers);

    /// <summary>As <see cref="Capture(nn.Module{Tensor, Tensor}, Tensor, string[])"/> for any model: <paramref name="forward"/> runs it once.</summary>
    public static IReadOnlyDictionary<string, Tensor> Capture(nn.Module model, Action forward, params string[] layers)
    {
        const string method = "AttentionWeights";
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0)
            throw new ArgumentException($"{method}: name at least one attention layer.", nameof(layers));
        var hooked = layers.Distinct().Select(name => (Name: name, Layer: NamedLayers.Find(model, name, method) as MultiheadAttention
            ?? throw new ArgumentException(
                $"{method}: layer '{name}' is a {NamedLayers.Find(model, name, method).GetType().Name}, not a MultiHeadAttention layer.", nameof(layers))))
            .ToList();

        var captured = new Dictionary<string, Tensor>();
        // The pre-hook asks the layer for its weights (the model's forward does not need them); the post-hook keeps them.
        var removers = hooked.SelectMany(h => new[]
        {
            h.Layer.register_forward_pre_hook((_, query, key, value, padding, _, mask) => (query, key, value, padding, true, mask)),
            h.Layer.register_forward_hook((_, _, _, _, _, _, _, result) =>
            {
                captured[h.Name] = result.Item2.detach().DetachFromDisposeScope();
                return result;
            }),
        }).ToList();
        var modes = new[] { model }.Concat(model.modules()).Select(m => (Module: m, m.training)).ToList();
        try
        {
            model.eval();
            using var noGradient = no_grad();
            using var scope = NewDisposeScope();
            forward();
        }
        finally
        {
            foreach (var remover in removers)
                remover.remove();
            foreach (var (module, training) in modes)
                module.train(training);
        }
        var missing = hooked.Where(h => !captured.ContainsKey(h.Name)).Select(h => h.Name).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"{method}: layer(s) {string.Join(", ", missing)} did not run in the forward pass.", nameof(layers));
        return ActivationCapture.InCallersScope(captured);
    }
}
