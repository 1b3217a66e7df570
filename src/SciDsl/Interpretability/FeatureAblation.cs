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
    public static Tensor Compute(nn.Module<Tensor, Tensor> model, Tensor x, long target, double baselineValue = 0)
    {
        const string method = nameof(FeatureAblation);
        if (!double.IsFinite(baselineValue))
            throw new ArgumentOutOfRangeException(nameof(baselineValue), baselineValue, $"{method}: baselineValue must be a finite number.");
        using var borrowed = AttributionModel.Borrow(model, x, method);
        if (x.dim() != 2)
            throw new ArgumentException(
                $"{method}: x has shape {AttributionModel.Shape(x)}; feature ablation is for tabular input [B, F].", nameof(x));

        using var scope = NewDisposeScope();
        var input = x.detach();
        long batch = input.shape[0], features = input.shape[1];
        // Copy f of the batch (rows f·B … f·B + B − 1) has feature f ablated.
        var ablated = input.repeat(features, 1);
        var feature = arange(features, int64).repeat_interleave(batch);
        ablated[arange(features * batch, int64), feature] = tensor(baselineValue, input.dtype);
        // The clean batch rides in the same pass so that an ignored feature's row is computed bit-for-bit like the
        // clean one and scores exactly 0 (a different batch size may take a different BLAS path).
        var scores = borrowed.ScoreWithoutGradient(cat(new[] { input, ablated }), target).reshape(features + 1, batch);
        return (scores[0].unsqueeze(0) - scores[TensorIndex.Slice(1)]).t().contiguous().MoveToOuterDisposeScope();
    }
}
