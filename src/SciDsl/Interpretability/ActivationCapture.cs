using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>
/// Named layers' outputs from one forward pass, without hand-written hooks. The model runs in eval mode without
/// gradients and is given back in the modes it had.
/// </summary>
public static class ActivationCapture
{
    /// <summary>
    /// Runs <paramref name="model"/> once on <paramref name="x"/> and returns the output of each layer in
    /// <paramref name="layers"/> (registered names, e.g. a generated model's <c>Name = "conv2"</c>), by name.
    /// </summary>
    /// <exception cref="ArgumentException">No layers named, a name the model lacks, or a layer that did not run.</exception>
    public static IReadOnlyDictionary<string, Tensor> Activations(this nn.Module<Tensor, Tensor> model, Tensor x, params string[] layers)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        return Capture(model, () => model.forward(x), layers);
    }

    /// <summary>
    /// As <see cref="Activations"/> for any model (several inputs too): <paramref name="forward"/> runs it once.
    /// </summary>
    public static IReadOnlyDictionary<string, Tensor> Capture(nn.Module model, Action forward, params string[] layers)
    {
        const string method = nameof(Activations);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0)
            throw new ArgumentException($"{method}: name at least one layer to capture.", nameof(layers));
        var hooked = layers.Distinct().Select(name => (Name: name, Layer: NamedLayers.FindTensorLayer(model, name, method))).ToList();

        var captured = new Dictionary<string, Tensor>();
        var removers = hooked.Select(h => h.Layer.register_forward_hook((_, _, output) =>
        {
            captured[h.Name] = output.detach().DetachFromDisposeScope();
            return output;
        })).ToList();
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
            throw new ArgumentException(
                $"{method}: layer(s) {string.Join(", ", missing)} did not run in the forward pass (a model must call them through call(), as generated models do for named layers).",
                nameof(layers));
        return InCallersScope(captured);
    }

    /// <summary>
    /// Hooks run inside the model's own dispose scopes, so they keep their tensors outside every scope; a fresh handle
    /// on each puts it in the caller's scope, like any other result.
    /// </summary>
    internal static IReadOnlyDictionary<string, Tensor> InCallersScope(Dictionary<string, Tensor> captured)
    {
        var results = new Dictionary<string, Tensor>();
        foreach (var (name, tensor) in captured)
        {
            results[name] = tensor.detach();
            tensor.Dispose();
        }
        return results;
    }
}
