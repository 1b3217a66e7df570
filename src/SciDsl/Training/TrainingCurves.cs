using ScottPlot;
using SciDsl.Interpretability.Pictures;

namespace SciDsl;

/// <summary>
/// Loss and metric curves of a training run as one PNG: losses per epoch on the left, accuracies and validation metrics
/// on the right (left out when there are none). Written after training when <see cref="TrainOptions.CurvesPicture"/> asks.
/// </summary>
public static class TrainingCurves
{
    /// <summary>The picture beside a checkpoint: <c>run.ckpt</c> → <c>run.curves.png</c>.</summary>
    public static string PathBeside(string checkpointPath) => Path.ChangeExtension(checkpointPath, ".curves.png");

    /// <summary>Writes the curves of <paramref name="history"/> to <paramref name="path"/>; the same history always gives the same bytes.</summary>
    /// <exception cref="ArgumentException">The history is empty.</exception>
    public static string Write(IReadOnlyList<EpochMetrics> history, string path, int panelWidth = 600, int height = 420)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(path);
        if (history.Count == 0) throw new ArgumentException("There are no epochs to draw.", nameof(history));
        double[] epochs = history.Select(m => (double)m.Epoch).ToArray();

        var losses = Panel("Loss", "loss", Alignment.UpperRight);
        Curve(losses, epochs, history.Select(m => (double?)m.TrainLoss), "train loss");
        Curve(losses, epochs, history.Select(m => m.ValidationLoss), "validation loss");

        var metricNames = history.SelectMany(m => m.Metrics?.Keys ?? []).Where(name => name != MonitoredMetric.ValidationLoss).Distinct().Order(StringComparer.Ordinal).ToArray();
        bool hasMetrics = metricNames.Length > 0 || history.Any(m => m.TrainAccuracy is not null);
        Plot? metrics = null;
        if (hasMetrics)
        {
            metrics = Panel("Metrics", "value", Alignment.LowerRight);
            Curve(metrics, epochs, history.Select(m => m.TrainAccuracy), "train_accuracy");
            foreach (string name in metricNames)
                Curve(metrics, epochs, history.Select(m => m.Metrics is { } values && values.TryGetValue(name, out double v) ? v : (double?)null), name);
        }

        int width = panelWidth * (metrics is null ? 1 : 2);
        using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(width, height))
            ?? throw new InvalidOperationException($"Could not create a {width} × {height} picture.");
        surface.Canvas.Clear(SkiaSharp.SKColors.White);
        DrawPanel(surface.Canvas, losses, 0, panelWidth, height);
        if (metrics is not null) DrawPanel(surface.Canvas, metrics, panelWidth, panelWidth, height);
        string fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        PictureFile.WritePng(surface, fullPath);
        return fullPath;
    }

    /// <summary>Renders a plot on its own surface first: ScottPlot clears the whole canvas it renders on.</summary>
    private static void DrawPanel(SkiaSharp.SKCanvas canvas, Plot plot, int left, int width, int height)
    {
        using var panel = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(width, height))
            ?? throw new InvalidOperationException($"Could not create a {width} × {height} panel.");
        plot.Render(panel.Canvas, width, height);
        using var image = panel.Snapshot();
        canvas.DrawImage(image, left, 0, new SkiaSharp.SKSamplingOptions(SkiaSharp.SKFilterMode.Nearest));
    }

    private static Plot Panel(string title, string valueLabel, Alignment legend)
    {
        var plot = new Plot();
        PictureFile.UseFont(plot);
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(valueLabel);
        plot.ShowLegend(legend);
        return plot;
    }

    /// <summary>Adds the epochs that have a finite value; nothing when none has.</summary>
    private static void Curve(Plot plot, double[] epochs, IEnumerable<double?> values, string label)
    {
        var points = epochs.Zip(values).Where(p => p.Second is { } v && double.IsFinite(v)).ToArray();
        if (points.Length == 0) return;
        var line = plot.Add.Scatter(points.Select(p => p.First).ToArray(), points.Select(p => p.Second!.Value).ToArray());
        line.LegendText = label;
        line.MarkerSize = points.Length == 1 ? 6 : 0;
    }
}
