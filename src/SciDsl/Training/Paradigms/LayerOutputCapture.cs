using TorchSharp;

namespace SciDsl;

/// <summary>
/// Holds the output of a model's named layer from the latest forward pass, through a TorchSharp forward hook. Generated
/// models call every layer with <c>call</c> (which runs hooks), so any of their layers can be captured without changing
/// the model; <see cref="Dispose"/> removes the hook.
/// </summary>
internal sealed class LayerOutputCapture : IDisposable
{
    private readonly string layer;
    private readonly string modelName;
    private readonly torch.nn.HookableModule<Func<torch.nn.Module<torch.Tensor, torch.Tensor>, torch.Tensor, torch.Tensor>,
        Func<torch.nn.Module<torch.Tensor, torch.Tensor>, torch.Tensor, torch.Tensor, torch.Tensor>>.HookRemover remover;
    private torch.Tensor? output;

    /// <exception cref="ArgumentException">The model has no layer of that name, or it is not a one-tensor layer.</exception>
    public LayerOutputCapture(torch.nn.Module model, string layer, string modelName)
    {
        this.layer = layer;
        this.modelName = modelName;
        var layers = model.named_modules().ToDictionary(m => m.name, m => m.module);
        if (!layers.TryGetValue(layer, out var module))
            throw new ArgumentException(
                $"{modelName} has no layer named '{layer}'; its layers are {string.Join(", ", layers.Keys.Where(k => k.Length > 0))}. " +
                "Give the feature layer a Name (e.g. [Linear(128, Name = \"features\")]) and name it here.", nameof(layer));
        if (module is not torch.nn.Module<torch.Tensor, torch.Tensor> oneTensor)
            throw new ArgumentException($"Layer '{layer}' of {modelName} is a {module.GetType().Name}, which does not map one tensor to one tensor; name another layer.", nameof(layer));
        remover = oneTensor.register_forward_hook((_, _, result) =>
        {
            output = result;
            return result;
        });
    }

    /// <summary>The layer's output in the forward pass just made; throws when the pass did not run the layer's hooks.</summary>
    public torch.Tensor Take()
    {
        var taken = output ?? throw new InvalidOperationException(
            $"The forward pass of {modelName} did not report layer '{layer}''s output: its forward calls the layer without running hooks. " +
            "Generated models call every layer with call(); a hand-written model must do the same.");
        output = null;
        return taken;
    }

    public void Dispose() => remover.remove();
}
