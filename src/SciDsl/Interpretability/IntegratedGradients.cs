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
        var inputs = AttributionModel.OneInput(model, x);
        string name = inputs[0].Name;
        var result = Compute(model, inputs, target, baseline is null ? null : new Dictionary<string, Tensor> { [name] = baseline }, steps, rule, chunkSize);
        return new IntegratedGradientsResult(result.Attributions[name], result.Delta);
    }

    /// <summary>
    /// Integrated Gradients for a model with several inputs: every floating-point input moves along the straight path from
    /// its own baseline to its value while integer inputs are held fixed, all inputs' interpolation points batched
    /// together as in the one-input method. Returns each floating-point input's attributions by name (of its input's
    /// shape) and the convergence delta per sample, Σ over all inputs' attributions − (f(x) − f(baseline)).
    /// </summary>
    /// <param name="baselines">Reference inputs by name, each of its input's shape or of one sample's shape; zeros for an input without one.</param>
    /// <exception cref="ArgumentException">
    /// steps or chunkSize ≤ 0, a baseline of the wrong shape or for an input that is not attributed, inputs the model
    /// does not take or that hold NaN, or a target outside the output width.
    /// </exception>
    public static IntegratedGradientsResult<IReadOnlyDictionary<string, Tensor>> Compute(
        nn.Module model, ModelInputs inputs, long target, IReadOnlyDictionary<string, Tensor>? baselines = null,
        int steps = 64, IntegrationRule rule = IntegrationRule.RiemannMidpoint, int chunkSize = 256)
    {
        const string method = nameof(IntegratedGradients);
        if (steps <= 0)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"{method}: steps must be at least 1.");
        using var borrowed = AttributionModel.Borrow(model, inputs, method);
        using var scope = NewDisposeScope();

        var references = Baselines(baselines, borrowed, method);
        var differences = borrowed.Inputs.Select((input, i) => input - references[i]).ToArray();
        long batch = borrowed.Batch;
        var scoreGap = (borrowed.ScoreWithoutGradient(borrowed.Inputs, target) - borrowed.ScoreWithoutGradient(references, target)).to(float64);
        var (alphas, weights) = Quadrature.On01(rule, steps);
        var alphaOfStep = tensor(alphas, float64);
        var weightOfStep = tensor(weights, float64);

        // Rows are ordered step-major (row = step·B + sample), so a chunk may span steps and samples alike; an integer
        // input's difference is 0, so it stays at its value.
        Tensor StepOf(Tensor row) => row.div(batch, rounding_mode: RoundingMode.floor);
        var weightedGradients = borrowed.SumGradients(
            steps * batch, chunkSize, target,
            pointsOf: (row, sample) => references
                .Select((reference, i) => borrowed.Attributed[i]
                    ? reference.index_select(0, sample)
                      + AttributionModel.PerRow(alphaOfStep.index_select(0, StepOf(row)).to(reference.dtype), reference) * differences[i].index_select(0, sample)
                    : reference.index_select(0, sample))
                .ToArray(),
            weightOf: row => weightOfStep.index_select(0, StepOf(row)));

        var attributions = weightedGradients.Select((sum, i) => sum is null ? null : differences[i].to(float64) * sum).ToArray();
        var delta = attributions.OfType<Tensor>().Select(a => a.reshape(batch, -1).sum(1)).Aggregate((a, b) => a + b) - scoreGap;
        return new IntegratedGradientsResult<IReadOnlyDictionary<string, Tensor>>(
            borrowed.ByName(attributions.Select((a, i) => a?.to(borrowed.Inputs[i].dtype)).ToArray()),
            delta.MoveToOuterDisposeScope());
    }

    /// <summary>Each input's reference: its baseline broadcast to the batch, zeros without one; an integer input is its own reference.</summary>
    private static Tensor[] Baselines(IReadOnlyDictionary<string, Tensor>? baselines, AttributionModel borrowed, string method)
    {
        var references = new Tensor[borrowed.Inputs.Length];
        for (int i = 0; i < references.Length; i++)
        {
            var x = borrowed.Inputs[i];
            string name = borrowed.Names[i];
            bool single = references.Length == 1;
            string argument = single ? "baseline" : $"baseline of {name}";
            if (baselines is null || !baselines.TryGetValue(name, out var baseline))
                references[i] = borrowed.Attributed[i] ? zeros_like(x) : x;
            else if (!borrowed.Attributed[i])
                throw new ArgumentException(
                    $"{method}: {argument} is given, but {name} has dtype {x.dtype}; integer inputs are held fixed, so remove its baseline.", nameof(baselines));
            else if (!baseline.isfinite().all().item<bool>())
                throw new ArgumentException(
                    $"{method}: {argument} of shape {AttributionModel.Shape(baseline)} contains NaN or infinite values; attributions from it would be NaN.",
                    single ? "baseline" : nameof(baselines));
            else if (baseline.shape.SequenceEqual(x.shape))
                references[i] = baseline.detach().to(x.dtype);
            else if (baseline.shape.SequenceEqual(x.shape.Skip(1)))
                references[i] = baseline.detach().to(x.dtype).unsqueeze(0).expand(x.shape).contiguous();
            else
                throw new ArgumentException(
                    $"{method}: {argument} has shape {AttributionModel.Shape(baseline)}; expected {name}'s shape {AttributionModel.Shape(x)} or one sample's shape {AttributionModel.Shape(x, skip: 1)}.",
                    single ? "baseline" : nameof(baselines));
        }
        var unknown = baselines?.Keys.Where(k => !borrowed.Names.Contains(k)).ToList();
        if (unknown is { Count: > 0 })
            throw new ArgumentException(
                $"{method}: baselines name {string.Join(", ", unknown)}, which the inputs ({string.Join(", ", borrowed.Names)}) do not have.", nameof(baselines));
        return references;
    }
}
