using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>Saliency (Simonyan et al., 2014): the magnitude of the target score's gradient, |∂y_target/∂x|.</summary>
public static class Saliency
{
    /// <summary>
    /// |∂y_target/∂x| for every sample of the batch <paramref name="x"/> [B, ...], in one forward/backward pass; the
    /// result has x's shape. The model runs in eval mode; its modes, <c>requires_grad</c> flags and gradients are left
    /// as they were.
    /// </summary>
    /// <exception cref="ArgumentException">x does not fit the model, holds NaN, or target is outside the output width.</exception>
    public static Tensor Compute(nn.Module<Tensor, Tensor> model, Tensor x, long target) =>
        Compute(model, AttributionModel.OneInput(model, x), target).Values.Single();

    /// <summary>
    /// |∂y_target/∂x| for every floating-point input of a model with several inputs, by input name, each of its input's
    /// shape; integer inputs are held fixed and have no entry. One forward/backward pass.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Inputs the model does not take (count, shapes, batch sizes), NaN in one, or target outside the output width.
    /// </exception>
    public static IReadOnlyDictionary<string, Tensor> Compute(nn.Module model, ModelInputs inputs, long target)
    {
        using var borrowed = AttributionModel.Borrow(model, inputs, nameof(Saliency));
        using var scope = NewDisposeScope();
        return borrowed.ByName(borrowed.Gradients(borrowed.Inputs, target).Select(g => g?.abs()).ToArray());
    }
}
