using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>
/// Feature ablation for tabular inputs: replace one feature at a time by a baseline value and record how much the
/// target score drops.
/// </summary>
public static class FeatureAblation
{
    /// <summary>
    /// Attributions [B, F] for tabular <paramref name="x"/> [B, F]: entry (b, f) is y_target(x_b) − y_target(x_b with
    /// feature f set to <paramref name="baselineValue"/>). The batch and its F ablated copies go through one forward
    /// pass, without gradients. A feature the model ignores scores exactly 0.
    /// </summary>
    /// <exception cref="ArgumentException">x is not [B, F], does not fit the model or holds NaN, or target is outside the output width.</exception>
    public static Tensor Compute(nn.Module<Tensor, Tensor> model, Tensor x, long target, double baselineValue = 0) =>
        Compute(model, new ModelInputs(("x", x)), target, baselineValue)["x"];

    /// <summary>
    /// Feature ablation for a model with several inputs: every floating-point input is tabular [B, F_i], and each of its
    /// features is ablated in turn while the other inputs keep their values; attributions [B, F_i] by input name. Integer
    /// inputs are not ablated. The clean batch and all ablated copies go through one forward pass.
    /// </summary>
    /// <exception cref="ArgumentException">A floating-point input that is not [B, F], inputs the model does not take or that hold NaN, or a target outside the output width.</exception>
    public static IReadOnlyDictionary<string, Tensor> Compute(nn.Module model, ModelInputs inputs, long target, double baselineValue = 0)
    {
        const string method = nameof(FeatureAblation);
        if (!double.IsFinite(baselineValue))
            throw new ArgumentOutOfRangeException(nameof(baselineValue), baselineValue, $"{method}: baselineValue must be a finite number.");
        using var borrowed = AttributionModel.Borrow(model, inputs, method);
        for (int i = 0; i < borrowed.Inputs.Length; i++)
            if (borrowed.Attributed[i] && borrowed.Inputs[i].dim() != 2)
                throw new ArgumentException(
                    $"{method}: {borrowed.Names[i]} has shape {AttributionModel.Shape(borrowed.Inputs[i])}; feature ablation is for tabular input [B, F].", borrowed.Names[i]);

        using var scope = NewDisposeScope();
        long batch = borrowed.Batch;
        var ablatedInputs = Enumerable.Range(0, borrowed.Inputs.Length).Where(i => borrowed.Attributed[i]).ToArray();
        // Block 0 is the clean batch; then, per ablated input i, its feature f's copy (F_i blocks of B rows) has feature f
        // of input i ablated and every other input clean. The clean batch rides in the same pass so that an ignored
        // feature's row is computed bit-for-bit like the clean one and scores exactly 0 (a different batch size may take
        // a different BLAS path).
        var points = borrowed.Inputs.Select((input, j) => cat(
            new[] { input }.Concat(ablatedInputs.Select(i => i == j ? Ablated(input, baselineValue) : Repeated(input, borrowed.Inputs[i].shape[1]))).ToArray())).ToArray();
        long blocks = 1 + ablatedInputs.Sum(i => borrowed.Inputs[i].shape[1]);
        var scores = borrowed.ScoreWithoutGradient(points, target).reshape(blocks, batch);
        var drops = (scores[0].unsqueeze(0) - scores[TensorIndex.Slice(1)]).t();
        var attributions = new Tensor?[borrowed.Inputs.Length];
        long first = 0;
        foreach (int i in ablatedInputs)
        {
            long features = borrowed.Inputs[i].shape[1];
            attributions[i] = drops[TensorIndex.Colon, TensorIndex.Slice(first, first + features)].contiguous();
            first += features;
        }
        return borrowed.ByName(attributions);
    }

    /// <summary>F copies of the batch [B, F] (rows f·B … f·B + B − 1 of copy f), copy f with feature f set to the baseline.</summary>
    private static Tensor Ablated(Tensor input, double baselineValue)
    {
        long batch = input.shape[0], features = input.shape[1];
        var ablated = input.repeat(features, 1);
        var feature = arange(features, int64).repeat_interleave(batch);
        ablated[arange(features * batch, int64), feature] = tensor(baselineValue, input.dtype);
        return ablated;
    }

    private static Tensor Repeated(Tensor input, long copies) =>
        input.repeat(new[] { copies }.Concat(Enumerable.Repeat(1L, (int)input.dim() - 1)).ToArray());
}
