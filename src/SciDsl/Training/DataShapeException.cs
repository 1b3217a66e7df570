namespace SciDsl;

/// <summary>A data source loaded tensors that do not match its declared <see cref="DatasetSignature"/>.</summary>
public sealed class DataShapeException(string source, string expected, string actual)
    : Exception($"{source}.Load() returned data that does not match its [Dataset] declaration: expected {expected}, but loaded {actual}.")
{
    /// <summary>The data source's type name.</summary>
    public string DataSource { get; } = source;
    public string Expected { get; } = expected;
    public string Actual { get; } = actual;
}
