namespace SciDsl;

/// <summary>Loaded data does not match its declared shape (<see cref="DatasetSignature"/> or a sample's <see cref="TensorSignature"/>).</summary>
public sealed class DataShapeException : Exception
{
    /// <summary>What a data source's <c>Load()</c> returned does not match its <c>[Dataset]</c> declaration.</summary>
    /// <param name="source">The data source's type name.</param>
    public DataShapeException(string source, string expected, string actual)
        : this(source, $"{source}.Load() returned data that does not match its [Dataset] declaration", expected, actual)
    {
    }

    private DataShapeException(string source, string problem, string expected, string actual)
        : base($"{problem}: expected {expected}, but loaded {actual}.")
    {
        (DataSource, Expected, Actual) = (source, expected, actual);
    }

    /// <summary>Data read by a loader (a file, a folder, in-memory samples) does not have the declared shape.</summary>
    /// <param name="where">The file, folder or data named in the message, with the line or sample index where known.</param>
    public static DataShapeException InData(string where, string expected, string actual) =>
        new(where, $"{where}: the data does not match its declared shape", expected, actual);

    /// <summary>The data source's type name, or the file or data that was read.</summary>
    public string DataSource { get; }
    public string Expected { get; }
    public string Actual { get; }
}
