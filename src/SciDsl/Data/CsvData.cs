using System.Globalization;
using TorchSharp;

namespace SciDsl;

/// <summary>
/// Reads numeric text tables (comma- or whitespace-separated, optionally gzip-compressed, with or without a header) into
/// tensors, for <see cref="IDataSource"/> implementations. A gzip file is checked against its trailer (CRC-32 and length),
/// so a cut-off file is an error rather than its first rows; every feature value must fit float32, and empty fields or
/// <c>NaN</c> are errors unless <see cref="CsvOptions.AllowMissingValues"/> reads them as NaN. Class labels may be
/// whole numbers or names; names become class indices and the mapping is kept in <see cref="LabelledData.Classes"/>.
/// </summary>
public static class CsvData
{
    /// <summary>Features float32 <c>[N, F]</c> (<see cref="CsvOptions.FeatureColumns"/>, or every column but the label) and labels as <see cref="CsvOptions.Labels"/> says.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">A named column is not in the header, or columns are named without a header.</exception>
    /// <exception cref="DataFormatException">The path is a directory, the gzip data is cut off or damaged, a feature is not a finite float32 number (or is missing without <see cref="CsvOptions.AllowMissingValues"/>), a row has a different column count, a class label is not in <see cref="CsvOptions.ClassNames"/> or is a negative or fractional number, there are fewer than 2 classes, or there is no data.</exception>
    public static LabelledData Load(string path, CsvOptions? options = null)
    {
        options ??= new CsvOptions();
        int label = -1;
        int[] featureOrder = [];
        var table = CsvTable.Read(path, options, layout =>
        {
            label = layout.Resolve(options.LabelColumnName, options.LabelColumn);
            int[] features = options.FeatureColumns is { } named
                ? named.Select(name => layout.Resolve(name, 0)).ToArray()
                : Enumerable.Range(0, layout.Columns).Where(column => column != label).ToArray();
            if (features.Length == 0)
                throw new DataFormatException(layout.Path, layout.FirstLine, null, null, $"a label and at least one feature column are needed, but rows have {layout.Columns} column");
            if (features.Contains(label))
                throw new ArgumentException($"Column {layout.NameOf(label)} is both the label and a feature in '{layout.Path}'.", nameof(options));
            featureOrder = features;
            var roles = Enumerable.Repeat(ColumnRole.Skip, layout.Columns).ToArray();
            foreach (int feature in features) roles[feature] = ColumnRole.Number;
            roles[label] = ColumnRole.Text;
            return roles;
        });

        var featureTensor = torch.tensor(Features(table, featureOrder), [table.Rows, featureOrder.Length]);
        if (options.Labels == TargetKind.Value)
        {
            float[] values = new float[table.Rows];
            for (int row = 0; row < table.Rows; row++) values[row] = ValueLabel(table, row, label);
            return new LabelledData(featureTensor, torch.tensor(values, [table.Rows, 1]));
        }
        var (classes, names) = ClassLabelsOf(table, label, options.ClassNames);
        return new LabelledData(featureTensor, torch.tensor(classes)) { Classes = names };
    }

    /// <summary>Features only, float32 <c>[N, F]</c> (<see cref="CsvOptions.FeatureColumns"/>, or every column), as unlabelled samples named <paramref name="inputName"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">As for <see cref="LoadMatrix"/>.</exception>
    public static SampleSet LoadUnlabelled(string path, CsvOptions? options = null, string inputName = "x")
    {
        options ??= new CsvOptions();
        int[] featureOrder = [];
        var table = CsvTable.Read(path, options, layout =>
        {
            featureOrder = options.FeatureColumns is { } named ? named.Select(name => layout.Resolve(name, 0)).ToArray() : Enumerable.Range(0, layout.Columns).ToArray();
            var roles = Enumerable.Repeat(ColumnRole.Skip, layout.Columns).ToArray();
            foreach (int feature in featureOrder) roles[feature] = ColumnRole.Number;
            return roles;
        });
        return new SampleSet([(inputName, torch.tensor(Features(table, featureOrder), [table.Rows, featureOrder.Length]))]);
    }

    /// <summary>Every column as float32 <c>[N, C]</c>, e.g. a features-only or targets-only file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The path is a directory, the gzip data is cut off or damaged, a field is not a finite float32 number (or is missing without <see cref="CsvOptions.AllowMissingValues"/>), a row has a different column count, or there is no data.</exception>
    public static torch.Tensor LoadMatrix(string path, CsvOptions? options = null)
    {
        var table = CsvTable.Read(path, options ?? new CsvOptions());
        return torch.tensor(Array.ConvertAll(table.Values, v => (float)v), [table.Rows, table.NumberColumns]);
    }

    /// <summary>The number columns in <paramref name="order"/> (the table holds them in file order).</summary>
    private static float[] Features(CsvTable table, int[] order)
    {
        int width = order.Length;
        int[] positionInRow = order.Select(column => table.Roles.Take(column).Count(role => role == ColumnRole.Number)).ToArray();
        float[] features = new float[table.Rows * width];
        for (int row = 0; row < table.Rows; row++)
            for (int f = 0; f < width; f++)
                features[row * width + f] = (float)table.Values[row * table.NumberColumns + positionInRow[f]];
        return features;
    }

    private static float ValueLabel(CsvTable table, int row, int column)
    {
        string text = table.Texts[row];
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && Math.Abs(value) <= float.MaxValue)
            return (float)value;
        throw new DataFormatException(table.Path, table.LineNumbers[row], column + 1, text, "a value label must be a finite float32 number");
    }

    /// <summary>
    /// Class indices of the label texts. With <paramref name="declared"/> names, each label must be one of them; without,
    /// all-whole-number labels are indices as written and otherwise the distinct names sorted ordinally are the classes.
    /// </summary>
    private static (long[] Indices, ClassLabels? Names) ClassLabelsOf(CsvTable table, int column, IReadOnlyList<string>? declared)
    {
        string[] labels = table.Texts;
        long[] indices = new long[labels.Length];
        bool allNumbers = declared is null && labels.All(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        if (allNumbers)
        {
            for (int row = 0; row < labels.Length; row++)
            {
                double label = double.Parse(labels[row], NumberStyles.Float, CultureInfo.InvariantCulture);
                indices[row] = label >= 0 && label == Math.Floor(label) && label <= int.MaxValue ? (long)label
                    : throw new DataFormatException(table.Path, table.LineNumbers[row], column + 1, labels[row], "a class label must be a whole number >= 0 or a class name");
            }
            return (indices, null);
        }
        ClassLabels names;
        try
        {
            names = declared is not null ? new ClassLabels(declared) : ClassLabels.FromLabels(labels);
        }
        catch (ArgumentException e)
        {
            throw DataFormatException.About(table.Path, e);
        }
        for (int row = 0; row < labels.Length; row++)
        {
            indices[row] = names.IndexOf(labels[row])
                ?? throw new DataFormatException(table.Path, table.LineNumbers[row], column + 1, labels[row], $"not one of the classes in CsvOptions.ClassNames ({string.Join(", ", names.Names)})");
        }
        return (indices, names);
    }
}
