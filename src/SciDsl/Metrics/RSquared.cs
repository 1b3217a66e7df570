namespace SciDsl;

/// <summary>
/// The coefficient of determination, 1 − Σ(y − ŷ)² / Σ(y − ȳ)², per output column and averaged over the columns
/// (scikit-learn's "uniform_average"). 1 is perfect, 0 is no better than predicting the mean.
/// </summary>
public static class RSquared
{
    /// <param name="predicted">Row-major [samples, outputs], like <paramref name="targets"/>.</param>
    /// <returns>Null when some column's targets are all equal (the ratio is undefined).</returns>
    public static double? Of(IReadOnlyList<double> predicted, IReadOnlyList<double> targets, int outputs)
    {
        if (predicted.Count != targets.Count || targets.Count % outputs != 0)
            throw new ArgumentException($"{predicted.Count} predictions and {targets.Count} targets do not form [samples, {outputs}].", nameof(targets));
        int samples = targets.Count / outputs;
        double sum = 0;
        for (int column = 0; column < outputs; column++)
        {
            double mean = Enumerable.Range(0, samples).Average(i => targets[i * outputs + column]);
            double residual = 0, total = 0;
            for (int i = 0; i < samples; i++)
            {
                double y = targets[i * outputs + column];
                residual += (y - predicted[i * outputs + column]) * (y - predicted[i * outputs + column]);
                total += (y - mean) * (y - mean);
            }
            if (total == 0) return null;
            sum += 1 - residual / total;
        }
        return sum / outputs;
    }
}
