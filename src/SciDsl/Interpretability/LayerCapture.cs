using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>
/// One forward pass with forward hooks on named layers: eval mode, no gradients, the hooks removed and every module's
/// mode restored afterwards; each hook keeps one tensor per layer.
/// </summary>
internal static class LayerCapture
{
    /// <param name="find">The layer of a name, or a clear exception.</param>
    /// <param name="hook">Installs the hooks on a layer, handing what they capture to the keeper; returns their removers.</param>
    public static IReadOnlyDictionary<string, Tensor> Run<TLayer>(
        nn.Module model, Action forward, string[] layers, string method,
        Func<string, TLayer> find, Func<TLayer, Action<Tensor>, IEnumerable<Action>> hook)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0)
            throw new ArgumentException($"{method}: name at least one layer to capture.", nameof(layers));
        var hooked = layers.Distinct().Select(name => (Name: name, Layer: find(name))).ToList();

        // Hooks run inside the model's own dispose scopes, so what they keep is taken out of every scope here and put
        // in the caller's scope at the end.
        var captured = new Dictionary<string, Tensor>();
        var removers = hooked.SelectMany(h => hook(h.Layer, tensor => captured[h.Name] = tensor.detach().DetachFromDisposeScope())).ToList();
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
            foreach (var remove in removers)
                remove();
            foreach (var (module, training) in modes)
                module.train(training);
        }
        var missing = hooked.Where(h => !captured.ContainsKey(h.Name)).Select(h => h.Name).ToList();
        if (missing.Count > 0)
            throw new ArgumentException(
                $"{method}: layer(s) {string.Join(", ", missing)} did not run in the forward pass (a model must call them through call(), as generated models do).",
                nameof(layers));

        var results = new Dictionary<string, Tensor>();
        foreach (var (name, tensor) in captured)
        {
            results[name] = tensor.detach(); // a fresh handle, in the caller's scope
            tensor.Dispose();
        }
        return results;
    }
}
