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
    public static Tensor Compute(nn.Module<Tensor, Tensor> model, Tensor x, long target) =>
        Compute(model, AttributionModel.OneInput(model, x), target).Values.Single();

    /// <summary>
    /// x ⊙ ∂y_target/∂x for every floating-point input of a model with several inputs, by input name, each of its input's
    /// shape; integer inputs are held fixed and have no entry. The model is left as it was.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Inputs the model does not take (count, shapes, batch sizes), NaN in one, or target outside the output width.
    /// </exception>
    public static IReadOnlyDictionary<string, Tensor> Compute(nn.Module model, ModelInputs inputs, long target)
    {
        using var borrowed = AttributionModel.Borrow(model, inputs, nameof(InputXGradient));
        using var scope = NewDisposeScope();
        var gradients = borrowed.Gradients(borrowed.Inputs, target);
        return borrowed.ByName(gradients.Select((g, i) => g is null ? null : borrowed.Inputs[i] * g).ToArray());
    }
}
