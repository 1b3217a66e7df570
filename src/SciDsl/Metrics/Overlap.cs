namespace SciDsl;

/// <summary>
/// Segmentation overlap between predicted and true masks, over every pixel of every sample together:
/// intersection over union (Jaccard) and Dice (F1 of the pixels). Both masks empty counts as perfect agreement (1).
/// </summary>
public static class Overlap
{
    /// <summary>|predicted ∧ truth| / |predicted ∨ truth| of two binary masks of equal length.</summary>
    public static double IntersectionOverUnion(IReadOnlyList<bool> predicted, IReadOnlyList<bool> truth)
    {
        var (both, either, _) = Count(predicted, truth);
        return either == 0 ? 1 : (double)both / either;
    }

    /// <summary>2·|predicted ∧ truth| / (|predicted| + |truth|) of two binary masks of equal length.</summary>
    public static double Dice(IReadOnlyList<bool> predicted, IReadOnlyList<bool> truth)
    {
        var (both, _, sizes) = Count(predicted, truth);
        return sizes == 0 ? 1 : 2.0 * both / sizes;
    }

    /// <summary>
    /// Mean over classes of each class's IoU, for per-pixel class indices in [0, <paramref name="classes"/>);
    /// a class absent from both prediction and truth is left out of the mean rather than counted as 1.
    /// </summary>
    public static double MeanIntersectionOverUnion(IReadOnlyList<long> predicted, IReadOnlyList<long> truth, int classes)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "At least one class is needed.");
        CheckLengths(predicted.Count, truth.Count);
        var intersection = new long[classes];
        var union = new long[classes];
        for (int i = 0; i < predicted.Count; i++)
        {
            long p = CheckClass(predicted[i], classes, nameof(predicted), i), t = CheckClass(truth[i], classes, nameof(truth), i);
            union[p]++;
            if (p == t) intersection[p]++;
            else union[t]++;
        }
        var present = Enumerable.Range(0, classes).Where(c => union[c] > 0).ToArray();
        return present.Length == 0 ? 1 : present.Average(c => (double)intersection[c] / union[c]);
    }

    /// <summary>
    /// Mean over classes of each class's IoU, |predicted c ∧ true c| / |predicted c ∨ true c|, from a confusion matrix;
    /// a class neither predicted nor present is left out of the mean (all absent: 1).
    /// </summary>
    public static double MeanIntersectionOverUnion(ConfusionMatrix matrix) =>
        MeanOverPresentClasses(matrix, (both, predicted, actual) => (double)both / (predicted + actual - both));

    /// <summary>Mean over classes of each class's Dice, 2·|predicted c ∧ true c| / (|predicted c| + |true c|); absent classes as in <see cref="MeanIntersectionOverUnion(ConfusionMatrix)"/>.</summary>
    public static double MeanDice(ConfusionMatrix matrix) =>
        MeanOverPresentClasses(matrix, (both, predicted, actual) => 2.0 * both / (predicted + actual));

    private static double MeanOverPresentClasses(ConfusionMatrix matrix, Func<long, long, long, double> score)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var scores = Enumerable.Range(0, matrix.Classes)
            .Select(c => (Both: matrix.TruePositives(c), Predicted: matrix.Predicted(c), Actual: matrix.Actual(c)))
            .Where(c => c.Predicted + c.Actual > 0)
            .Select(c => score(c.Both, c.Predicted, c.Actual))
            .ToArray();
        return scores.Length == 0 ? 1 : scores.Average();
    }

    private static (long Both, long Either, long Sizes) Count(IReadOnlyList<bool> predicted, IReadOnlyList<bool> truth)
    {
        CheckLengths(predicted.Count, truth.Count);
        long both = 0, either = 0, sizes = 0;
        for (int i = 0; i < predicted.Count; i++)
        {
            if (predicted[i] && truth[i]) both++;
            if (predicted[i] || truth[i]) either++;
            sizes += (predicted[i] ? 1 : 0) + (truth[i] ? 1 : 0);
        }
        return (both, either, sizes);
    }

    private static void CheckLengths(int predicted, int truth)
    {
        if (predicted != truth) throw new ArgumentException($"{predicted} predicted pixels but {truth} true pixels; the masks must have the same shape.", nameof(truth));
    }

    private static long CheckClass(long value, int classes, string name, int index) =>
        value >= 0 && value < classes ? value
            : throw new ArgumentOutOfRangeException(name, value, $"Pixel {index} has class {value}, outside [0, {classes}).");
}
