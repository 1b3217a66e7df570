namespace SciDsl.Onnx;

/// <summary>Settings for writing an ONNX model.</summary>
public sealed record OnnxExportOptions
{
    public const int MinOpset = 13;
    public const int MaxOpset = 21;

    private readonly int _opset = 17;

    /// <summary>
    /// Default-domain opset, 13 to 21 (the exporter emits opset-13+ semantics, e.g. single-axis Softmax).
    /// Every layer is written in operators this opset defines: LayerNorm, for one, as its arithmetic below 17.
    /// </summary>
    public int Opset
    {
        get => _opset;
        init => _opset = value is >= MinOpset and <= MaxOpset
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Opset), value,
                $"ONNX opset {value} is not supported; SciDsl writes opsets {MinOpset} to {MaxOpset} (opset-13 semantics such as single-axis Softmax).");
    }

    /// <summary>Written as <c>producer_version</c>; defaults to the SciDsl assembly version.</summary>
    public string? ProducerVersion { get; init; }

    /// <summary>Written as the model's <c>doc_string</c>.</summary>
    public string? DocString { get; init; }

    /// <summary>Extra <c>metadata_props</c>; the key <c>signature</c> is reserved for the model signature.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>The ONNX IR version that introduced this opset (ONNX's versioning table).</summary>
    internal long IrVersion => Opset switch
    {
        <= 14 => 7,
        <= 18 => 8,
        <= 20 => 9,
        _ => 10,
    };
}
