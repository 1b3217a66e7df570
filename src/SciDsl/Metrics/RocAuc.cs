namespace SciDsl;

/// <summary>
/// Area under the ROC curve: the probability that a random positive scores above a random negative, ties counting
/// one half (the Mann–Whitney U statistic with mid-ranks).
/// </summary>
public static class RocAuc
{
    /// <summary>Binary AUC; null when the labels hold only one of the two kinds.</summary>
    public static double? Binary(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        if (scores.Count != positive.Count) throw new ArgumentException($"{scores.Count} scores but {positive.Count} labels.", nameof(positive));
        long positives = positive.Count(p => p), negatives = positive.Count - positives;
        if (positives == 0 || negatives == 0) return null;
        int[] order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            double midRank = (start + end) / 2.0 + 1; // 1-based ranks; tied scores share their mean rank
            for (int k = start; k <= end; k++) if (positive[order[k]]) positiveRankSum += midRank;
            start = end + 1;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>
    /// One-vs-rest macro AUC: the mean over classes of the binary AUC of that class's score, over the classes that
    /// have both positives and negatives; null when none has. <paramref name="scores"/>[i][c] is sample i's score for class c.
    /// With two classes it equals the binary AUC of class 1's score.
    /// </summary>
    public static double? OneVsRest(IReadOnlyList<double[]> scores, IReadOnlyList<long> targets, int classes)
    {
        var areas = Enumerable.Range(0, classes)
            .Select(c => Binary(scores.Select(s => s[c]).ToArray(), targets.Select(t => t == c).ToArray()))
            .OfType<double>().ToArray();
        return classes == 2 && areas.Length == 2 ? areas[1] : areas.Length == 0 ? null : areas.Average();
    }
}
