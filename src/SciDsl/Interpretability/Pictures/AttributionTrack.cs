using ScottPlot;
using static TorchSharp.torch;

namespace SciDsl.Interpretability.Pictures;

/// <summary>
/// A 1-D attribution track for a sequence: one signed bar per position (e.g. per base over DNA), with a known region
/// (a planted motif, an annotated site) shaded when given.
/// </summary>
public static class AttributionTrack
{
    /// <summary>
    /// Writes the track as a <paramref name="width"/> × <paramref name="height"/> PNG named after <paramref name="title"/>
    /// in <paramref name="directory"/> and returns its path (see <see cref="PictureFile.PathFor"/>).
    /// </summary>
    /// <param name="attributions">One sequence's attributions, [L] or [C, L] (e.g. one-hot DNA [4, L]); channels are summed per position.</param>
    /// <param name="region">Positions [Start, Start + Length) to shade, or null.</param>
    /// <param name="regionLabel">The legend text of the shaded region.</param>
    /// <exception cref="ArgumentException">Attributions that are not [L] or [C, L], or a region outside 0..L.</exception>
    public static string Write(
        string directory, string title, Tensor attributions, (int Start, int Length)? region = null,
        string regionLabel = "planted region", int width = 1000, int height = 320)
    {
        var values = PerPosition(attributions);
        if (region is { } r && (r.Start < 0 || r.Length <= 0 || r.Start + r.Length > values.Length))
            throw new ArgumentException(
                $"{nameof(AttributionTrack)}: region [{r.Start}, {r.Start + r.Length}) is not inside the {values.Length} positions.", nameof(region));

        var plot = new Plot();
        PictureFile.UseFont(plot);
        if (region is { } shaded)
        {
            // Positions are bar centres, so position p covers [p − ½, p + ½].
            var span = plot.Add.HorizontalSpan(shaded.Start - 0.5, shaded.Start + shaded.Length - 0.5, Colors.Orange.WithAlpha(0.3));
            span.LegendText = regionLabel;
        }
        var bars = plot.Add.Bars(values);
        bars.Color = Colors.SteelBlue;
        foreach (var bar in bars.Bars)
        {
            bar.Size = 0.9;
            bar.LineWidth = 0;
            bar.FillColor = bar.Value >= 0 ? Colors.SteelBlue : Colors.Crimson;
        }
        plot.Title(title);
        plot.XLabel("position");
        plot.YLabel("attribution");
        plot.Axes.SetLimitsX(-1, values.Length);
        if (region is not null)
            plot.ShowLegend(Alignment.UpperRight);
        return PictureFile.Save(plot, directory, title, width, height);
    }

    /// <summary>Per-position attributions: [L] as is, [C, L] summed over the C channels.</summary>
    /// <exception cref="ArgumentException">Attributions that are not [L] or [C, L].</exception>
    public static double[] PerPosition(Tensor attributions)
    {
        ArgumentNullException.ThrowIfNull(attributions);
        if (attributions.dim() is not (1 or 2))
            throw new ArgumentException(
                $"{nameof(AttributionTrack)}: attributions have shape {AttributionModel.Shape(attributions)}; expected one sequence, [L] or [C, L].",
                nameof(attributions));
        using var scope = NewDisposeScope();
        var track = attributions.dim() == 2 ? attributions.detach().sum(dim: 0) : attributions.detach();
        return track.to(ScalarType.Float64).cpu().data<double>().ToArray();
    }
}
