using ScottPlot;

namespace SciDsl.Interpretability.Pictures;

/// <summary>Per-feature importances of tabular data as a horizontal bar chart, largest magnitude on top.</summary>
public static class FeatureBarChart
{
    /// <summary>
    /// Writes the <paramref name="top"/> features of largest |importance| as a PNG named after <paramref name="title"/>
    /// in <paramref name="directory"/> and returns its path (see <see cref="PictureFile.PathFor"/>). Bars keep their sign
    /// (negative ones point left, in red); ties keep the features' order.
    /// </summary>
    /// <exception cref="ArgumentException">Names and importances of different lengths, none at all, or a non-finite importance.</exception>
    public static string Write(
        string directory, string title, IReadOnlyList<string> featureNames, IReadOnlyList<double> importances,
        int top = 15, string valueLabel = "importance", int width = 900, int height = 0)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(importances);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (featureNames.Count != importances.Count || importances.Count == 0)
            throw new ArgumentException(
                $"{nameof(FeatureBarChart)}: {featureNames.Count} feature names for {importances.Count} importances; give one name per importance, at least one.");
        if (importances.Any(v => !double.IsFinite(v)))
            throw new ArgumentException($"{nameof(FeatureBarChart)}: importances must be finite numbers.", nameof(importances));

        var shown = Enumerable.Range(0, importances.Count)
            .OrderByDescending(i => Math.Abs(importances[i])).ThenBy(i => i)
            .Take(top).ToArray();
        var plot = new Plot();
        PictureFile.UseFont(plot);
        var bars = new List<Bar>();
        for (int rank = 0; rank < shown.Length; rank++)
        {
            double value = importances[shown[rank]];
            // Rank 0 at the top: positions count down.
            bars.Add(new Bar
            {
                Position = shown.Length - 1 - rank,
                Value = value,
                FillColor = value >= 0 ? Colors.SteelBlue : Colors.Crimson,
                LineWidth = 0,
                Size = 0.8,
            });
        }
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plot.Axes.Left.SetTicks(
            Enumerable.Range(0, shown.Length).Select(rank => (double)(shown.Length - 1 - rank)).ToArray(),
            shown.Select(i => featureNames[i]).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Title(title);
        plot.XLabel(valueLabel);
        plot.HideGrid();
        return PictureFile.Save(plot, directory, title, width, height > 0 ? height : 120 + 28 * shown.Length);
    }
}
