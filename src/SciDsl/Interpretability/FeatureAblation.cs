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
    /// feature f set to <paramref name="baselineValue"/>). The F ablated copies of the batch are scored
    /// <paramref name="chunkSize"/> rows per forward pass without gradients, each pass with the clean samples its rows come
    /// from, so a feature the model ignores scores exactly 0.
    /// </summary>
    /// <exception cref="ArgumentException">x is not [B, F], does not fit the model or holds NaN, chunkSize ≤ 0, or target is outside the output width.</exception>
    public static Tensor Compute(nn.Module<Tensor, Tensor> model, Tensor x, long target, double baselineValue = 0, int chunkSize = 256) =>
        Compute(model, AttributionModel.OneInput(model, x), target, baselineValue, chunkSize).Values.Single();

    /// <summary>
    /// Feature ablation for a model with several inputs: every floating-point input is tabular [B, F_i], and each of its
    /// features is ablated in turn while the other inputs keep their values; attributions [B, F_i] by input name. Integer
    /// inputs are not ablated. Chunked like the one-input method.
    /// </summary>
    /// <exception cref="ArgumentException">A floating-point input that is not [B, F], inputs the model does not take or that hold NaN, chunkSize ≤ 0, or a target outside the output width.</exception>
    public static IReadOnlyDictionary<string, Tensor> Compute(
        nn.Module model, ModelInputs inputs, long target, double baselineValue = 0, int chunkSize = 256)
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
        var attributions = new Tensor?[borrowed.Inputs.Length];
        for (int i = 0; i < attributions.Length; i++)
        {
            if (!borrowed.Attributed[i]) continue;
            var input = borrowed.Inputs[i];
            long features = input.shape[1];
            int ablated = i;
            // Row r is sample r mod B with feature r / B of this input ablated; the other inputs keep their values.
            var drops = borrowed.Drops(features * batch, chunkSize, target, (row, sample) =>
            {
                var points = borrowed.Inputs.Select(x => x.index_select(0, sample)).ToArray();
                points[ablated][arange(row.shape[0], int64), row.div(batch, rounding_mode: RoundingMode.floor)] = tensor(baselineValue, input.dtype);
                return points;
            });
            attributions[i] = drops.reshape(features, batch).t().to(input.dtype).contiguous();
        }
        return borrowed.ByName(attributions);
    }
}
