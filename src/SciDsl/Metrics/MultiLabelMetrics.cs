namespace SciDsl;

/// <summary>
/// Multi-label classification (<see cref="Loss.BCEWithLogits"/>): each sample has several independent yes/no labels, each
/// predicted present where its logit is above 0 (probability above ½).
/// </summary>
public static class MultiLabelMetrics
{
    /// <summary>The share of (sample, label) pairs predicted right (1 − the Hamming loss).</summary>
    /// <exception cref="ArgumentException">The rows differ in count or width.</exception>
    public static double Accuracy(IReadOnlyList<double[]> logits, IReadOnlyList<bool[]> labels)
    {
        int width = Width(logits, labels);
        if (logits.Count == 0 || width == 0) throw new ArgumentException("There are no labels to score.", nameof(labels));
        long right = 0;
        for (int i = 0; i < logits.Count; i++)
            for (int label = 0; label < width; label++)
                if (logits[i][label] > 0 == labels[i][label]) right++;
        return (double)right / ((long)logits.Count * width);
    }

    /// <summary>
    /// The mean over labels of each label's F1, 2·TP / (2·TP + FP + FN), over the labels present in some sample or
    /// predicted for some (a label absent from both says nothing about the model); null when there is none.
    /// </summary>
    /// <exception cref="ArgumentException">The rows differ in count or width.</exception>
    public static double? MacroF1(IReadOnlyList<double[]> logits, IReadOnlyList<bool[]> labels)
    {
        int width = Width(logits, labels);
        var scores = new List<double>();
        for (int label = 0; label < width; label++)
        {
            long truePositives = 0, present = 0, predicted = 0;
            for (int i = 0; i < logits.Count; i++)
            {
                bool isPredicted = logits[i][label] > 0, isPresent = labels[i][label];
                if (isPredicted) predicted++;
                if (isPresent) present++;
                if (isPredicted && isPresent) truePositives++;
            }
            if (present + predicted > 0) scores.Add(2.0 * truePositives / (present + predicted));
        }
        return scores.Count == 0 ? null : scores.Average();
    }

    /// <summary>The mean over labels of each label's ROC AUC (<see cref="RocAuc.Binary"/>), over the labels both present and absent in some sample; null when there is none.</summary>
    /// <exception cref="ArgumentException">The rows differ in count or width.</exception>
    public static double? RocAuc(IReadOnlyList<double[]> logits, IReadOnlyList<bool[]> labels)
    {
        int width = Width(logits, labels);
        var areas = Enumerable.Range(0, width)
            .Select(label => SciDsl.RocAuc.Binary(logits.Select(row => row[label]).ToArray(), labels.Select(row => row[label]).ToArray()))
            .OfType<double>().ToArray();
        return areas.Length == 0 ? null : areas.Average();
    }

    private static int Width(IReadOnlyList<double[]> logits, IReadOnlyList<bool[]> labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        if (logits.Count != labels.Count) throw new ArgumentException($"{logits.Count} rows of logits but {labels.Count} of labels.", nameof(labels));
        int width = logits.Count == 0 ? 0 : logits[0].Length;
        for (int i = 0; i < logits.Count; i++)
            if (logits[i].Length != width || labels[i].Length != width)
                throw new ArgumentException($"sample {i} has {logits[i].Length} logits and {labels[i].Length} labels, but sample 0 has {width} logits.", nameof(labels));
        return width;
    }
}
