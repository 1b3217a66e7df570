using System.Globalization;
using System.IO.Compression;

namespace SciDsl;

/// <summary>A parsed numeric table, row-major.</summary>
/// <param name="LineNumbers">The 1-based file line of each row, for error messages.</param>
internal sealed record CsvTable(string Path, double[] Values, int[] LineNumbers, int Columns)
{
    public static CsvTable Read(string path, CsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        string fullPath = System.IO.Path.GetFullPath(path);
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
            int found = ParseLine(line, options.Separator, values, fullPath, lineNumber);
            if (lineNumbers.Count == 0) columns = found;
            else if (found != columns)
                throw new DataFormatException(fullPath, lineNumber, null, line, $"{found} columns instead of {columns} (as on line {lineNumbers[0]})");
            lineNumbers.Add(lineNumber);
        }
        if (lineNumbers.Count == 0)
            throw new DataFormatException(fullPath, null, null, null, options.SkipLines > 0 ? $"no data after skipping {options.SkipLines} lines" : "the file is empty");
        return new CsvTable(fullPath, values.ToArray(), lineNumbers.ToArray(), columns);
    }

    /// <summary>Reads one line; broken gzip data becomes an error naming the file and the line it stopped at.</summary>
    private static string? ReadLine(StreamReader reader, string path, int lineNumber)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, lineNumber, null, null, $"the compressed data is corrupt or truncated ({e.Message})");
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

    private static int ParseLine(string line, char? separator, List<double> values, string path, int lineNumber)
    {
        int column = 0;
        var rest = line.AsSpan();
        while (true)
        {
            if (separator is null) rest = rest.TrimStart();
            int end = separator is { } sep ? rest.IndexOf(sep) : rest.IndexOfAny(' ', '\t');
            var field = (end < 0 ? rest : rest[..end]).Trim();
            column++;
            if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw new DataFormatException(path, lineNumber, column, field.ToString(), field.IsEmpty ? "empty field" : "not a number");
            values.Add(value);
            if (end < 0) return column;
            rest = rest[(end + 1)..];
            if (separator is null && rest.IsWhiteSpace()) return column;
        }
    }

    /// <summary>Opens the file, decompressing when it starts with the gzip magic bytes (whatever its extension).</summary>
    private static Stream OpenMaybeGzip(string path)
    {
        var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        int read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
    }
}
