using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>Input × Gradient (Shrikumar et al., 2016): x ⊙ ∂y_target/∂x, signed.</summary>
public static class InputXGradient
{
    /// <summary>
    /// x ⊙ ∂y_target/∂x for every sample of the batch <paramref name="x"/> [B, ...], in one forward/backward pass;
    /// the result has x's shape. For a linear model it is x·w_target. The model is left as it was.
    /// </summary>
    /// <exception cref="ArgumentException">x does not fit the model, holds NaN, or target is outside the output width.</exception>
    public static Tensor Compute(nn.Module<Tensor, Tensor> model, Tensor x, long target)
    {
        using var borrowed = AttributionModel.Borrow(model, x, nameof(InputXGradient));
        using var scope = NewDisposeScope();
        return (x.detach() * borrowed.Gradient(x, target)).MoveToOuterDisposeScope();
    }
}
