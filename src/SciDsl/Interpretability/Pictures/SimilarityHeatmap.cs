using ScottPlot;

namespace SciDsl.Interpretability.Pictures;

/// <summary>
/// A layer-by-layer similarity matrix (e.g. linear CKA between the layers of two models) as a heatmap with named rows
/// and columns, each cell labelled with its value, and a colour bar from 0 to 1.
/// </summary>
public static class SimilarityHeatmap
{
    /// <summary>
    /// Writes <paramref name="similarity"/> [rows, columns] as a PNG named after <paramref name="title"/> in
    /// <paramref name="directory"/> and returns its path (see <see cref="PictureFile.PathFor"/>). Row 0 is drawn at the top.
    /// </summary>
    /// <param name="rowAxis">What the rows are (e.g. "model A (seed 1)"); the y-axis label.</param>
    /// <param name="columnAxis">What the columns are; the x-axis label.</param>
    /// <exception cref="ArgumentException">Name counts that differ from the matrix's, or a value that is not finite.</exception>
    public static string Write(
        string directory, string title, double[,] similarity, IReadOnlyList<string> rowNames, IReadOnlyList<string> columnNames,
        string rowAxis, string columnAxis, int width = 760, int height = 640)
    {
        ArgumentNullException.ThrowIfNull(similarity);
        ArgumentNullException.ThrowIfNull(rowNames);
        ArgumentNullException.ThrowIfNull(columnNames);
        int rows = similarity.GetLength(0), columns = similarity.GetLength(1);
        if (rowNames.Count != rows || columnNames.Count != columns || rows == 0 || columns == 0)
            throw new ArgumentException(
                $"{nameof(SimilarityHeatmap)}: a {rows} × {columns} matrix with {rowNames.Count} row names and {columnNames.Count} column names; give one name per row and per column.");
        if (similarity.Cast<double>().Any(v => !double.IsFinite(v)))
            throw new ArgumentException($"{nameof(SimilarityHeatmap)}: similarities must be finite numbers.", nameof(similarity));

        var plot = new Plot();
        PictureFile.UseFont(plot);
        var map = plot.Add.Heatmap(similarity);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        map.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(map);
        // Heatmap cell (r, c) is centred at x = c, y = rows − 1 − r: row 0 on top.
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                var label = plot.Add.Text(similarity[r, c].ToString("F2", System.Globalization.CultureInfo.InvariantCulture), c, rows - 1 - r);
                label.LabelAlignment = Alignment.MiddleCenter;
                label.LabelFontColor = similarity[r, c] > 0.6 ? Colors.Black : Colors.White;
                label.LabelFontSize = 13;
            }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, columns).Select(c => (double)c).ToArray(), columnNames.ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, rows).Select(r => (double)(rows - 1 - r)).ToArray(), rowNames.ToArray());
        plot.Title(title);
        plot.XLabel(columnAxis);
        plot.YLabel(rowAxis);
        plot.HideGrid();
        return PictureFile.Save(plot, directory, title, width, height);
    }
}
