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
    public static IReadOnlyDictionary<string, Tensor> Capture(nn.Module model, Action forward, params string[] layers) =>
        LayerCapture.Run(model, forward, layers, nameof(Activations),
            name => NamedLayers.FindTensorLayer(model, name, nameof(Activations)),
            (layer, keep) =>
            {
                var hook = layer.register_forward_hook((_, _, output) =>
                {
                    keep(output);
                    return output;
                });
                return new Action[] { hook.remove };
            });
}
