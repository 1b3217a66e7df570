using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>
/// Integrated Gradients (Sundararajan et al., 2017): (x − baseline) ⊙ ∫₀¹ ∂y_target/∂x at baseline + α(x − baseline) dα,
/// whose attributions sum to f(x) − f(baseline) (completeness).
/// </summary>
public static class IntegratedGradients
{
    /// <summary>
    /// Attributes the target output to each element of every sample of <paramref name="x"/> [B, ...]. The
    /// <paramref name="steps"/> interpolation points of all samples are evaluated together, <paramref name="chunkSize"/>
    /// rows per forward/backward pass, so the batch takes ⌈steps·B / chunkSize⌉ passes. The model is left as it was.
    /// </summary>
    /// <param name="model">Any module mapping [B, ...] to [B, C]; a generated model is one.</param>
    /// <param name="x">The inputs [B, ...].</param>
    /// <param name="target">The output column to explain.</param>
    /// <param name="baseline">The reference input, of x's shape or of one sample's shape; zeros when null.</param>
    /// <param name="steps">Quadrature points along the path.</param>
    /// <param name="rule">The quadrature rule.</param>
    /// <param name="chunkSize">Interpolated rows per forward/backward pass; bounds memory.</param>
    /// <exception cref="ArgumentException">
    /// steps or chunkSize ≤ 0, a baseline of the wrong shape, x that does not fit the model or holds NaN, or a target
    /// outside the output width.
    /// </exception>
    public static IntegratedGradientsResult Compute(
        nn.Module<Tensor, Tensor> model, Tensor x, long target, Tensor? baseline = null,
        int steps = 64, IntegrationRule rule = IntegrationRule.RiemannMidpoint, int chunkSize = 256)
    {
        const string method = nameof(IntegratedGradients);
        if (steps <= 0)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"{method}: steps must be at least 1.");
        using var borrowed = AttributionModel.Borrow(model, x, method);
        using var scope = NewDisposeScope();

        var input = x.detach();
        var reference = Baseline(baseline, input, method);
        var difference = input - reference;
        long batch = input.shape[0];
        var scoreGap = (borrowed.ScoreWithoutGradient(input, target) - borrowed.ScoreWithoutGradient(reference, target)).to(float64);
        var (alphas, weights) = Quadrature.On01(rule, steps);
        var alphaOfStep = tensor(alphas, float64);
        var weightOfStep = tensor(weights, float64);
        var pointShape = new long[] { -1 }.Concat(Enumerable.Repeat(1L, (int)input.dim() - 1)).ToArray();

        // Rows are ordered step-major (row = step·B + sample), so a chunk may span steps and samples alike.
        Tensor StepOf(Tensor row) => row.div(batch, rounding_mode: RoundingMode.floor);
        var weightedGradients = borrowed.SumGradients(
            steps * batch, chunkSize, target,
            pointsOf: (row, sample) =>
                reference.index_select(0, sample)
                + alphaOfStep.index_select(0, StepOf(row)).to(input.dtype).reshape(pointShape) * difference.index_select(0, sample),
            weightOf: row => weightOfStep.index_select(0, StepOf(row)).reshape(pointShape));

        var attributions = difference.to(float64) * weightedGradients;
        var delta = attributions.reshape(batch, -1).sum(1) - scoreGap;
        return new IntegratedGradientsResult(
            attributions.to(input.dtype).MoveToOuterDisposeScope(),
            delta.MoveToOuterDisposeScope());
    }

    private static Tensor Baseline(Tensor? baseline, Tensor x, string method)
    {
        if (baseline is null)
            return zeros_like(x);
        if (!baseline.isfinite().all().item<bool>())
            throw new ArgumentException(
                $"{method}: baseline of shape {AttributionModel.Shape(baseline)} contains NaN or infinite values; attributions from it would be NaN.", nameof(baseline));
        var sampleShape = x.shape.Skip(1).ToArray();
        if (baseline.shape.SequenceEqual(x.shape))
            return baseline.detach().to(x.dtype);
        if (baseline.shape.SequenceEqual(sampleShape))
            return baseline.detach().to(x.dtype).unsqueeze(0).expand(x.shape).contiguous();
        throw new ArgumentException(
            $"{method}: baseline has shape {AttributionModel.Shape(baseline)}; expected x's shape {AttributionModel.Shape(x)} or one sample's shape {AttributionModel.Shape(x, skip: 1)}.",
            nameof(baseline));
    }
}
