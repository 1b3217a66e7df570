using System.Globalization;

namespace SciDsl;

/// <summary>How a column of a <see cref="CsvTable"/> is read.</summary>
internal enum ColumnRole { Number, Text, Skip }

/// <summary>The header (if any) and column count, known once the first data line is read, from which the caller picks column roles.</summary>
internal sealed record CsvLayout(string Path, IReadOnlyList<string>? Header, int Columns, int FirstLine)
{
    /// <summary>The column index of a header name, or of a 0-based index (negative from the end) when there is no name.</summary>
    public int Resolve(string? name, int index)
    {
        if (name is not null)
        {
            if (Header is null)
                throw new ArgumentException($"Column '{name}' is named, but '{Path}' is read without a header; set CsvOptions.HasHeader = true or use column indices.", nameof(name));
            int found = Header.ToList().IndexOf(name);
            return found >= 0 ? found
                : throw new ArgumentException($"Column '{name}' does not exist in '{Path}'; its header has {string.Join(", ", Header)}.", nameof(name));
        }
        int resolved = index < 0 ? Columns + index : index;
        if (resolved < 0 || resolved >= Columns)
            throw new ArgumentException($"Column {index} does not exist in '{Path}', which has {Columns} columns.", nameof(index));
        return resolved;
    }

    /// <summary>The column's header name, or its 1-based number.</summary>
    public string NameOf(int column) => Header?[column] ?? $"column {column + 1}";
}

/// <summary>A parsed table, row-major: the <see cref="ColumnRole.Number"/> columns in <see cref="Values"/>, the <see cref="ColumnRole.Text"/> ones in <see cref="Texts"/>.</summary>
/// <param name="LineNumbers">The 1-based file line of each row, for error messages.</param>
/// <param name="Roles">Every column's role, in file order.</param>
internal sealed record CsvTable(CsvLayout Layout, ColumnRole[] Roles, double[] Values, string[] Texts, int[] LineNumbers)
{
    public string Path => Layout.Path;
    public int Rows => LineNumbers.Length;
    public int NumberColumns => Roles.Count(role => role == ColumnRole.Number);

    /// <summary>Reads every column as a number.</summary>
    public static CsvTable Read(string path, CsvOptions options) =>
        Read(path, options, layout => Enumerable.Repeat(ColumnRole.Number, layout.Columns).ToArray());

    /// <param name="roles">Picks each column's role once the header and column count are known.</param>
    public static CsvTable Read(string path, CsvOptions options, Func<CsvLayout, ColumnRole[]> roles)
    {
        ArgumentNullException.ThrowIfNull(path);
        string fullPath = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(fullPath)) throw new DataFormatException(fullPath, null, null, null, "is a directory, expected a data file");
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"Data file '{fullPath}' does not exist.", fullPath);
        if (options.SkipLines < 0) throw new ArgumentException($"CsvOptions.SkipLines must be >= 0, got {options.SkipLines}.", nameof(options));

        using var reader = new StreamReader(OpenMaybeGzip(fullPath));
        var values = new List<double>();
        var texts = new List<string>();
        var lineNumbers = new List<int>();
        var fields = new List<string>();
        IReadOnlyList<string>? header = null;
        CsvLayout? layout = null;
        ColumnRole[] columnRoles = [];
        int lineNumber = 0;
        while (ReadLine(reader, fullPath, lineNumber + 1) is { } line)
        {
            lineNumber++;
            if (lineNumber <= options.SkipLines || string.IsNullOrWhiteSpace(line)) continue;
            Split(line, options.Separator, fields);
            if (options.HasHeader && header is null)
            {
                header = fields.Select(f => f.Trim('"')).ToArray();
                continue;
            }
            if (layout is null)
            {
                layout = new CsvLayout(fullPath, header, fields.Count, lineNumber);
                if (header is not null && header.Count != fields.Count)
                    throw new DataFormatException(fullPath, lineNumber, null, line, $"{fields.Count} columns but the header has {header.Count}");
                columnRoles = roles(layout);
            }
            else if (fields.Count != layout.Columns)
                throw new DataFormatException(fullPath, lineNumber, null, line, $"{fields.Count} columns instead of {layout.Columns} (as on line {layout.FirstLine})");
            for (int column = 0; column < fields.Count; column++)
            {
                if (columnRoles[column] == ColumnRole.Number) values.Add(ParseField(fields[column], options.AllowMissingValues, fullPath, lineNumber, column + 1));
                else if (columnRoles[column] == ColumnRole.Text) texts.Add(fields[column].Trim('"'));
            }
            lineNumbers.Add(lineNumber);
        }
        if (layout is null)
            throw new DataFormatException(fullPath, null, null, null,
                options.SkipLines > 0 || header is not null ? $"no data after skipping {options.SkipLines} lines{(header is null ? "" : " and the header")}" : "the file is empty");
        return new CsvTable(layout, columnRoles, values.ToArray(), texts.ToArray(), lineNumbers.ToArray());
    }

    /// <summary>Reads one line; broken or cut-off gzip data becomes an error naming the file and the line it stopped at.</summary>
    private static string? ReadLine(StreamReader reader, string path, int lineNumber)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, lineNumber, null, null, e.Message);
        }
    }

    /// <summary>The line's trimmed fields; a null separator means runs of spaces or tabs.</summary>
    private static void Split(string line, char? separator, List<string> fields)
    {
        fields.Clear();
        if (separator is { } sep)
        {
            foreach (string field in line.Split(sep)) fields.Add(field.Trim());
            return;
        }
        fields.AddRange(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A float32-representable number, or NaN for a missing value where the options allow it.</summary>
    private static double ParseField(string field, bool allowMissing, string path, int lineNumber, int column)
    {
        const string HowToAllow = "; set CsvOptions.AllowMissingValues = true to read missing values as NaN";
        if (field.Length == 0)
            return allowMissing ? double.NaN : throw new DataFormatException(path, lineNumber, column, "", "empty field" + HowToAllow);
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new DataFormatException(path, lineNumber, column, field, "not a number");
        if (double.IsNaN(value))
            return allowMissing ? value : throw new DataFormatException(path, lineNumber, column, field, "NaN (a missing value)" + HowToAllow);
        if (double.IsInfinity(value) && !field.AsSpan().ContainsAnyInRange('0', '9'))
            throw new DataFormatException(path, lineNumber, column, field, "an infinite value cannot be used as data");
        if (Math.Abs(value) > float.MaxValue)
            throw new DataFormatException(path, lineNumber, column, field, "beyond the float32 range (largest magnitude 3.4e38)");
        return value;
    }

    /// <summary>Opens the file, decompressing and checking it when it starts with the gzip magic bytes (whatever its extension).</summary>
    private static Stream OpenMaybeGzip(string path)
    {
        var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        int read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        if (!CheckedGzipStream.HasGzipMagic(magic[..read]))
        {
            file.Position = 0;
            return file;
        }
        file.Dispose();
        return new CheckedGzipStream(File.ReadAllBytes(path));
    }
}
