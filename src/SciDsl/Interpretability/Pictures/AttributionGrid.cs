using ScottPlot;
using SkiaSharp;
using static TorchSharp.torch;

namespace SciDsl.Interpretability.Pictures;

/// <summary>
/// A grid of attribution heatmaps over image inputs: one row per example, the input in grey first, then one column per
/// method with the attribution magnitude overlaid on the input, each panel with its own colour bar.
/// </summary>
public static class AttributionGrid
{
    private const int HeaderHeight = 40;
    private const double OverlayOpacity = 0.7;

    /// <summary>
    /// Writes the grid as a PNG named after <paramref name="title"/> in <paramref name="directory"/> and returns its path
    /// (see <see cref="PictureFile.PathFor"/>). The picture is (1 + methods) × <paramref name="panelSize"/> wide and
    /// examples × <paramref name="panelSize"/> + 40 high.
    /// </summary>
    /// <param name="images">The inputs [N, C, H, W] or [N, H, W]; channels are averaged to grey.</param>
    /// <param name="methods">Per method its name (the column title) and attributions of the images' shape; the
    /// magnitude |a| summed over channels is shown, scaled per panel from 0 to its largest value (the colour bar).</param>
    /// <param name="rowLabels">One title per example for the input column (e.g. "label 3, predicted 5"); "example i" when null.</param>
    /// <exception cref="ArgumentException">Images that are not [N, C, H, W] or [N, H, W], attributions of another shape, no methods, or a row label count that differs from N.</exception>
    public static string Write(
        string directory, string title, Tensor images, IReadOnlyList<(string Method, Tensor Attributions)> methods,
        IReadOnlyList<string>? rowLabels = null, int panelSize = 220)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentOutOfRangeException.ThrowIfLessThan(panelSize, 64);
        var greys = Planes(images, "images", images);
        if (methods.Count == 0)
            throw new ArgumentException($"{nameof(AttributionGrid)}: give at least one method's attributions.", nameof(methods));
        var maps = methods.Select(m => Planes(m.Attributions.abs(), $"attributions of {m.Method}", images)).ToArray();
        int examples = greys.Length;
        if (rowLabels is not null && rowLabels.Count != examples)
            throw new ArgumentException(
                $"{nameof(AttributionGrid)}: {rowLabels.Count} row labels for {examples} examples; give one per example.", nameof(rowLabels));

        var figure = new Multiplot();
        // A new multiplot holds one empty plot; the grid's panels are all added below.
        figure.RemovePlot(figure.GetPlot(0));
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(examples, 1 + methods.Count);
        for (int row = 0; row < examples; row++)
        {
            var input = Panel(figure, rowLabels?[row] ?? $"example {row}");
            Grey(input, greys[row]);
            for (int m = 0; m < methods.Count; m++)
            {
                var panel = Panel(figure, methods[m].Method);
                Grey(panel, greys[row]);
                var overlay = panel.Add.Heatmap(maps[m][row]);
                overlay.Colormap = new ScottPlot.Colormaps.Inferno();
                overlay.ManualRange = new ScottPlot.Range(0, Math.Max(Max(maps[m][row]), double.Epsilon));
                overlay.Opacity = OverlayOpacity;
                panel.Add.ColorBar(overlay);
            }
        }

        int width = (1 + methods.Count) * panelSize, height = examples * panelSize + HeaderHeight;
        var path = PictureFile.PathFor(directory, title);
        Directory.CreateDirectory(directory);
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        // The grid layout takes a rectangle at the origin, so the header is made by moving the canvas instead.
        canvas.Translate(0, HeaderHeight);
        figure.Render(canvas, new PixelRect(0, width, height - HeaderHeight, 0));
        canvas.ResetMatrix();
        PictureFile.DrawTitle(canvas, title, width, HeaderHeight);
        PictureFile.WritePng(surface, path);
        return path;
    }

    private static Plot Panel(Multiplot figure, string title)
    {
        var plot = figure.AddPlot();
        PictureFile.UseFont(plot);
        plot.Title(title, size: 12);
        // Pixel coordinates say nothing here: no tick labels or marks, no grid, no padding around the image.
        foreach (var axis in new IAxis[] { plot.Axes.Left, plot.Axes.Bottom })
        {
            axis.TickLabelStyle.IsVisible = false;
            axis.MajorTickStyle.Length = 0;
            axis.MinorTickStyle.Length = 0;
        }
        plot.Axes.Margins(0, 0);
        plot.HideGrid();
        return plot;
    }

    private static void Grey(Plot plot, double[,] grey)
    {
        var image = plot.Add.Heatmap(grey);
        image.Colormap = new ScottPlot.Colormaps.Grayscale();
        // Fixed to the input's own range so that a uniform image is one flat grey, not a stretched noise floor.
        double low = Min(grey), high = Max(grey);
        image.ManualRange = new ScottPlot.Range(low, high > low ? high : low + 1);
    }

    /// <summary>Each example of x as an [H, W] array, channels summed (attributions) or averaged (images alike, since only the range matters).</summary>
    private static double[][,] Planes(Tensor x, string what, Tensor images)
    {
        if (x.dim() is not (3 or 4))
            throw new ArgumentException(
                $"{nameof(AttributionGrid)}: {what} has shape {AttributionModel.Shape(x)}; expected [N, C, H, W] or [N, H, W].");
        if (!x.shape.SequenceEqual(images.shape))
            throw new ArgumentException(
                $"{nameof(AttributionGrid)}: {what} has shape {AttributionModel.Shape(x)}; expected the images' shape {AttributionModel.Shape(images)}.");
        using var scope = NewDisposeScope();
        var planes = (x.dim() == 4 ? x.detach().sum(dim: 1) : x.detach()).to(ScalarType.Float64).cpu();
        long n = planes.shape[0], h = planes.shape[1], w = planes.shape[2];
        var values = planes.data<double>().ToArray();
        var result = new double[n][,];
        for (long i = 0; i < n; i++)
        {
            result[i] = new double[h, w];
            for (long r = 0; r < h; r++)
                for (long c = 0; c < w; c++)
                    result[i][r, c] = values[(i * h + r) * w + c];
        }
        return result;
    }

    private static double Max(double[,] values) => values.Cast<double>().Max();

    private static double Min(double[,] values) => values.Cast<double>().Min();
}
