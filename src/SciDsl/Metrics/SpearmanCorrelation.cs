namespace SciDsl;

/// <summary>
/// Spearman's rank correlation: Pearson's correlation of the two lists' ranks, tied values sharing their mean rank.
/// 1 when both order the items the same way, −1 when reversed; used to compare feature rankings and attribution maps.
/// </summary>
public static class SpearmanCorrelation
{
    /// <summary>ρ between <paramref name="a"/> and <paramref name="b"/>, item by item; null when either list is constant.</summary>
    /// <exception cref="ArgumentException">Lists of different lengths, fewer than 2 items, or a value that is not finite.</exception>
    public static double? Compute(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count || a.Count < 2)
            throw new ArgumentException($"Spearman correlation needs two lists of the same length, at least 2; got {a.Count} and {b.Count} items.");
        if (a.Concat(b).Any(v => !double.IsFinite(v)))
            throw new ArgumentException("Spearman correlation needs finite values.");
        var ra = Ranks(a);
        var rb = Ranks(b);
        double meanA = ra.Average(), meanB = rb.Average();
        double covariance = 0, varianceA = 0, varianceB = 0;
        for (int i = 0; i < ra.Length; i++)
        {
            covariance += (ra[i] - meanA) * (rb[i] - meanB);
            varianceA += (ra[i] - meanA) * (ra[i] - meanA);
            varianceB += (rb[i] - meanB) * (rb[i] - meanB);
        }
        return varianceA == 0 || varianceB == 0 ? null : covariance / Math.Sqrt(varianceA * varianceB);
    }

    /// <summary>Ranks from 1, ties given the mean of the ranks they span.</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
                end++;
            double shared = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++)
                ranks[order[k]] = shared;
            start = end + 1;
        }
        return ranks;
    }
}
