namespace SciDsl.Samples.DnaMotifs;

/// <summary>Area under the ROC curve of a binary classifier's scores.</summary>
public static class RocAuc
{
    /// <summary>
    /// The probability that a random positive scores above a random negative (ties count half): the
    /// Mann–Whitney U statistic over the average ranks of the scores, divided by positives × negatives.
    /// </summary>
    public static double Compute(IReadOnlyList<float> scores, IReadOnlyList<long> labels)
    {
        if (scores.Count != labels.Count) throw new ArgumentException($"{scores.Count} scores for {labels.Count} labels.", nameof(labels));
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            double averageRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++)
                if (labels[order[k]] == 1) positiveRankSum += averageRank;
            start = end + 1;
        }
        long positives = labels.Count(label => label == 1), negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0) throw new ArgumentException("ROC AUC needs both positives and negatives.", nameof(labels));
        return (positiveRankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }
}
