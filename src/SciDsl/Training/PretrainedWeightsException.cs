namespace SciDsl;

/// <summary>
/// Pretrained weights cannot be used: the file is missing, damaged or of an unreadable format, or its tensors do not
/// fit the model (<see cref="Mismatches"/> lists every one).
/// </summary>
public sealed class PretrainedWeightsException : IOException
{
    /// <summary>A file that cannot be read.</summary>
    public PretrainedWeightsException(string source, string problem, Exception? inner = null)
        : base($"Pretrained weights '{source}': {problem}", inner)
    {
        Source = source;
        Mismatches = [];
    }

    /// <summary>Weights that do not fit <paramref name="model"/>: one line per mismatch, then the hint.</summary>
    public PretrainedWeightsException(string source, string model, IReadOnlyList<string> mismatches, string hint)
        : base($"Pretrained weights '{source}' do not fit {model}: {mismatches.Count} mismatch{(mismatches.Count == 1 ? "" : "es")}:{Environment.NewLine}" +
               string.Join(Environment.NewLine, mismatches.Select(m => "  " + m)) + Environment.NewLine + hint)
    {
        Source = source;
        Mismatches = mismatches;
    }

    /// <summary>The file or model the weights come from.</summary>
    public new string Source { get; }

    /// <summary>Every tensor that is missing, unexpected or of another shape; empty when the file itself is the problem.</summary>
    public IReadOnlyList<string> Mismatches { get; }
}
