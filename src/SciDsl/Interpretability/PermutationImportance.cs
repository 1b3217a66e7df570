using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>
/// Permutation feature importance (Breiman, 2001): shuffle one feature's column across the samples, breaking its link to
/// the target while keeping its distribution, and record how much the model's score drops.
/// </summary>
public static class PermutationImportance
{
    /// <summary>
    /// Importance of each feature of tabular <paramref name="x"/> [N, F] for a classifier: the drop in accuracy on
    /// (<paramref name="x"/>, <paramref name="labels"/>) when that feature's column is permuted, averaged over
    /// <paramref name="repeats"/> permutations drawn from <paramref name="seed"/>. Forward passes only, in eval mode;
    /// the model is left as it was. A feature the model ignores scores exactly 0.
    /// </summary>
    /// <param name="score">Higher-is-better score of the model's output [N, C] against the labels; accuracy when null.</param>
    /// <exception cref="ArgumentException">x is not [N, F] with N ≥ 2, holds NaN or does not fit the model; labels are not [N]; repeats ≤ 0.</exception>
    public static PermutationImportanceResult Compute(
        nn.Module<Tensor, Tensor> model, Tensor x, Tensor labels, int repeats = 5, int seed = 0,
        Func<Tensor, Tensor, double>? score = null)
    {
        const string method = nameof(PermutationImportance);
        ArgumentNullException.ThrowIfNull(labels);
        if (repeats <= 0)
            throw new ArgumentOutOfRangeException(nameof(repeats), repeats, $"{method}: repeats must be at least 1.");
        using var borrowed = AttributionModel.Borrow(model, x, method);
        if (x.dim() != 2 || x.shape[0] < 2)
            throw new ArgumentException(
                $"{method}: x has shape {AttributionModel.Shape(x)}; permutation importance is for tabular input [N, F] with N ≥ 2.", nameof(x));
        if (labels.dim() != 1 || labels.shape[0] != x.shape[0])
            throw new ArgumentException(
                $"{method}: labels have shape {AttributionModel.Shape(labels)}; expected one per row of x {AttributionModel.Shape(x)}, [{x.shape[0]}].", nameof(labels));
        score ??= Accuracy;

        using var scope = NewDisposeScope();
        var input = x.detach();
        long samples = input.shape[0], features = input.shape[1];
        double Score(Tensor rows)
        {
            using var _ = no_grad();
            return score(borrowed.Output([rows]), labels);
        }

        double baseline = Score(input);
        var drops = new double[features, repeats];
        using var generator = new Generator((ulong)seed);
        for (int r = 0; r < repeats; r++)
            for (long f = 0; f < features; f++)
            {
                using var permutationScope = NewDisposeScope();
                var permuted = input.clone();
                permuted[TensorIndex.Colon, f] = input[TensorIndex.Colon, f].index_select(0, randperm(samples, generator: generator));
                drops[f, r] = baseline - Score(permuted);
            }

        var mean = new double[features];
        var deviation = new double[features];
        for (long f = 0; f < features; f++)
        {
            var row = Enumerable.Range(0, repeats).Select(r => drops[f, r]).ToArray();
            mean[f] = row.Average();
            deviation[f] = Math.Sqrt(row.Sum(d => (d - mean[f]) * (d - mean[f])) / repeats);
        }
        return new PermutationImportanceResult(baseline, mean, deviation);
    }

    private static double Accuracy(Tensor output, Tensor labels) =>
        output.argmax(1).eq(labels.to(output.device)).to(ScalarType.Float64).mean().item<double>();
}

/// <summary>Permutation importances and the score they are measured from.</summary>
/// <param name="BaselineScore">The score on the unpermuted data.</param>
/// <param name="Importances">Per feature, the mean drop in score over the permutations (larger = more important; about 0 for a feature the model does not use).</param>
/// <param name="StandardDeviations">Per feature, the standard deviation of the drop over the permutations.</param>
public sealed record PermutationImportanceResult(double BaselineScore, IReadOnlyList<double> Importances, IReadOnlyList<double> StandardDeviations);
