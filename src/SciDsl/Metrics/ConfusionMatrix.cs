using System.Globalization;

namespace SciDsl;

/// <summary>Counts of (true class, predicted class) pairs: <c>Counts[t][p]</c>, rows the true class.</summary>
public sealed class ConfusionMatrix
{
    private ConfusionMatrix(long[][] counts) => Counts = counts;

    public long[][] Counts { get; }
    public int Classes => Counts.Length;
    public long Total => Counts.Sum(row => row.Sum());

    /// <exception cref="ArgumentException">The arrays differ in length or hold a class outside [0, classes).</exception>
    public static ConfusionMatrix From(IReadOnlyList<long> targets, IReadOnlyList<long> predicted, int classes)
    {
        if (targets.Count != predicted.Count)
            throw new ArgumentException($"{targets.Count} targets but {predicted.Count} predictions.", nameof(predicted));
        var counts = Enumerable.Range(0, classes).Select(_ => new long[classes]).ToArray();
        for (int i = 0; i < targets.Count; i++)
        {
            if (targets[i] < 0 || targets[i] >= classes || predicted[i] < 0 || predicted[i] >= classes)
                throw new ArgumentException($"Sample {i} has target {targets[i]} and prediction {predicted[i]}; classes are 0..{classes - 1}.", nameof(targets));
            counts[targets[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(counts);
    }

    public long TruePositives(int c) => Counts[c][c];

    /// <summary>Samples whose true class is <paramref name="c"/>.</summary>
    public long Actual(int c) => Counts[c].Sum();

    /// <summary>Samples predicted as <paramref name="c"/>.</summary>
    public long Predicted(int c) => Counts.Sum(row => row[c]);

    /// <summary>The counts as a table, one line per true class, one column per predicted class, right-aligned.</summary>
    public override string ToString()
    {
        const string corner = "true \\ predicted";
        int width = Math.Max(Classes - 1, Counts.SelectMany(row => row).DefaultIfEmpty(0).Max()).ToString(CultureInfo.InvariantCulture).Length;
        string Cells(IEnumerable<long> values) => string.Concat(values.Select(v => " " + v.ToString(CultureInfo.InvariantCulture).PadLeft(width)));
        var lines = Counts.Select((row, c) => c.ToString(CultureInfo.InvariantCulture).PadRight(corner.Length) + Cells(row))
            .Prepend(corner + Cells(Enumerable.Range(0, Classes).Select(c => (long)c)));
        return string.Join(Environment.NewLine, lines);
    }
}
