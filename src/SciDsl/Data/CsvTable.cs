using System.Globalization;

namespace SciDsl;

/// <summary>A parsed numeric table, row-major.</summary>
/// <param name="LineNumbers">The 1-based file line of each row, for error messages.</param>
internal sealed record CsvTable(string Path, double[] Values, int[] LineNumbers, int Columns)
{
    public static CsvTable Read(string path, CsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        string fullPath = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(fullPath)) throw new DataFormatException(fullPath, null, null, null, "is a directory, expected a data file");
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"Data file '{fullPath}' does not exist.", fullPath);
        if (options.SkipLines < 0) throw new ArgumentException($"CsvOptions.SkipLines must be >= 0, got {options.SkipLines}.", nameof(options));

        using var reader = new StreamReader(OpenMaybeGzip(fullPath));
        var values = new List<double>();
        var lineNumbers = new List<int>();
        int columns = 0, lineNumber = 0;
        while (ReadLine(reader, fullPath, lineNumber + 1) is { } line)
        {
            lineNumber++;
            if (lineNumber <= options.SkipLines || string.IsNullOrWhiteSpace(line)) continue;
            int found = ParseLine(line, options, values, fullPath, lineNumber);
            if (lineNumbers.Count == 0) columns = found;
            else if (found != columns)
                throw new DataFormatException(fullPath, lineNumber, null, line, $"{found} columns instead of {columns} (as on line {lineNumbers[0]})");
            lineNumbers.Add(lineNumber);
        }
        if (lineNumbers.Count == 0)
            throw new DataFormatException(fullPath, null, null, null, options.SkipLines > 0 ? $"no data after skipping {options.SkipLines} lines" : "the file is empty");
        return new CsvTable(fullPath, values.ToArray(), lineNumbers.ToArray(), columns);
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

    public int Rows => LineNumbers.Length;

    /// <summary>The column index that <paramref name="column"/> (negative from the end) denotes.</summary>
    public int Resolve(int column)
    {
        int index = column < 0 ? Columns + column : column;
        if (index < 0 || index >= Columns)
            throw new ArgumentException($"Column {column} does not exist in '{Path}', which has {Columns} columns.", nameof(column));
        return index;
    }

    private static int ParseLine(string line, CsvOptions options, List<double> values, string path, int lineNumber)
    {
        int column = 0;
        var rest = line.AsSpan();
        while (true)
        {
            if (options.Separator is null) rest = rest.TrimStart();
            int end = options.Separator is { } sep ? rest.IndexOf(sep) : rest.IndexOfAny(' ', '\t');
            var field = (end < 0 ? rest : rest[..end]).Trim();
            column++;
            values.Add(ParseField(field, options.AllowMissingValues, path, lineNumber, column));
            if (end < 0) return column;
            rest = rest[(end + 1)..];
            if (options.Separator is null && rest.IsWhiteSpace()) return column;
        }
    }

    /// <summary>A float32-representable number, or NaN for a missing value where the options allow it.</summary>
    private static double ParseField(ReadOnlySpan<char> field, bool allowMissing, string path, int lineNumber, int column)
    {
        const string HowToAllow = "; set CsvOptions.AllowMissingValues = true to read missing values as NaN";
        if (field.IsEmpty)
            return allowMissing ? double.NaN : throw new DataFormatException(path, lineNumber, column, "", "empty field" + HowToAllow);
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new DataFormatException(path, lineNumber, column, field.ToString(), "not a number");
        if (double.IsNaN(value))
            return allowMissing ? value : throw new DataFormatException(path, lineNumber, column, field.ToString(), "NaN (a missing value)" + HowToAllow);
        if (double.IsInfinity(value) && !field.ContainsAnyInRange('0', '9'))
            throw new DataFormatException(path, lineNumber, column, field.ToString(), "an infinite value cannot be used as data");
        if (Math.Abs(value) > float.MaxValue)
            throw new DataFormatException(path, lineNumber, column, field.ToString(), "beyond the float32 range (largest magnitude 3.4e38)");
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
