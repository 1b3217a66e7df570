using TorchSharp;

namespace SciDsl;

/// <summary>
/// Reads numeric text tables (comma- or whitespace-separated, optionally gzip-compressed) into tensors,
/// for <see cref="IDataSource"/> implementations. A gzip file is checked against its trailer (CRC-32 and length),
/// so a cut-off file is an error rather than its first rows; every value must fit float32, and empty fields or
/// <c>NaN</c> are errors unless <see cref="CsvOptions.AllowMissingValues"/> reads them as NaN.
/// </summary>
public static class CsvData
{
    /// <summary>Features float32 <c>[N, F]</c> (every column but the label) and labels as <see cref="CsvOptions.Labels"/> says.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The path is a directory, the gzip data is cut off or damaged, a field is not a finite float32 number (or is missing without <see cref="CsvOptions.AllowMissingValues"/>), a row has a different column count, a class label is not a whole number ≥ 0, or there is no data.</exception>
    public static LabelledData Load(string path, CsvOptions? options = null)
    {
        options ??= new CsvOptions();
        var table = CsvTable.Read(path, options);
        if (table.Columns < 2)
            throw new DataFormatException(table.Path, table.LineNumbers[0], null, null, "a label and at least one feature column are needed, but rows have 1 column");
        int label = table.Resolve(options.LabelColumn);
        int featureCount = table.Columns - 1;

        var features = new float[table.Rows * featureCount];
        var classes = options.Labels == TargetKind.Class ? new long[table.Rows] : null;
        var values = options.Labels == TargetKind.Value ? new float[table.Rows] : null;
        for (int row = 0, f = 0; row < table.Rows; row++)
        {
            int rowStart = row * table.Columns;
            for (int column = 0; column < table.Columns; column++)
            {
                if (column != label) features[f++] = (float)table.Values[rowStart + column];
            }
            double labelValue = table.Values[rowStart + label];
            if (classes is not null) classes[row] = ClassIndex(labelValue, table, row, label);
            else values![row] = (float)labelValue;
        }

        var featureTensor = torch.tensor(features, [table.Rows, featureCount]);
        var labelTensor = classes is not null ? torch.tensor(classes) : torch.tensor(values!, [table.Rows, 1]);
        return new LabelledData(featureTensor, labelTensor);
    }

    /// <summary>Every column as float32 <c>[N, C]</c>, e.g. a features-only or targets-only file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The path is a directory, the gzip data is cut off or damaged, a field is not a finite float32 number (or is missing without <see cref="CsvOptions.AllowMissingValues"/>), a row has a different column count, or there is no data.</exception>
    public static torch.Tensor LoadMatrix(string path, CsvOptions? options = null)
    {
        var table = CsvTable.Read(path, options ?? new CsvOptions());
        return torch.tensor(Array.ConvertAll(table.Values, v => (float)v), [table.Rows, table.Columns]);
    }

    private static long ClassIndex(double label, CsvTable table, int row, int column)
    {
        if (label >= 0 && label == Math.Floor(label) && label <= int.MaxValue) return (long)label;
        throw new DataFormatException(table.Path, table.LineNumbers[row], column + 1,
            label.ToString(System.Globalization.CultureInfo.InvariantCulture), "a class label must be a whole number >= 0");
    }
}
