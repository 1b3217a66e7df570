namespace SciDsl;

/// <summary>A data file could not be read: a directory instead of a file, cut-off or damaged gzip data, a malformed, missing or non-finite number, a wrong column count or no data.</summary>
public sealed class DataFormatException(string path, int? line, int? column, string? text, string problem)
    : Exception(Describe(path, line, column, text, problem))
{
    public string FilePath { get; } = path;
    /// <summary>1-based line number; null when the problem concerns the whole file.</summary>
    public int? Line { get; } = line;
    /// <summary>1-based column number; null when the problem concerns the whole line.</summary>
    public int? Column { get; } = column;
    /// <summary>The offending text, as found.</summary>
    public string? Text { get; } = text;

    /// <summary>An argument problem found while reading a file (e.g. samples whose counts disagree), as a problem of that file.</summary>
    internal static DataFormatException About(string path, ArgumentException problem) =>
        new(path, null, null, null, problem.Message.Replace($" (Parameter '{problem.ParamName}')", "").TrimEnd('.'));

    private static string Describe(string path, int? line, int? column, string? text, string problem)
    {
        string where = path + (line is { } l ? $", line {l}" : "") + (column is { } c ? $", column {c}" : "");
        return text is null ? $"{where}: {problem}." : $"{where}: {problem}: '{text}'.";
    }
}
