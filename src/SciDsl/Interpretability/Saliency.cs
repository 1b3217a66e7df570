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
    public static Tensor Compute(nn.Module<Tensor, Tensor> model, Tensor x, long target)
    {
        using var borrowed = AttributionModel.Borrow(model, x, nameof(Saliency));
        using var scope = NewDisposeScope();
        return borrowed.Gradient(x, target).abs().MoveToOuterDisposeScope();
    }
}
