using System.Text.Json;

namespace SciDsl;

/// <summary>
/// What a trained model needs besides its weights to take raw inputs and give named classes: the normalisation fitted
/// on the training split and the class names. Saved as JSON beside the model or checkpoint (<see cref="PathBeside"/>)
/// and loaded back for resuming or prediction.
/// </summary>
public sealed record DataPreparation(Normalization? Normalization, ClassLabels? Classes)
{
    private const int FormatVersion = 1;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The sidecar file of a model or checkpoint: <c>model.ckpt</c> → <c>model.ckpt.data.json</c>.</summary>
    public static string PathBeside(string modelPath) => modelPath + ".data.json";

    /// <summary>Writes the JSON atomically (<see cref="AtomicReplace"/>: a flushed temporary file renamed over the target), so a crash leaves the old file or the new one.</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = new PreparationFile(
            FormatVersion,
            Normalization?.Inputs.Select(s => new StatisticsFile(s.Input, s.Over.ToString(), s.Shape, s.Mean, s.Std)).ToArray(),
            Classes?.Names.ToArray());
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(file, Json);
        AtomicReplace.Write(Path.GetFullPath(path), stream => stream.Write(json));
    }

    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is not this JSON, or its statistics are inconsistent.</exception>
    public static DataPreparation Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"Data preparation file '{fullPath}' does not exist.", fullPath);
        PreparationFile? file;
        try
        {
            file = JsonSerializer.Deserialize<PreparationFile>(File.ReadAllBytes(fullPath), Json);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(fullPath, (int?)e.LineNumber + 1, null, null, $"not a valid data preparation file ({e.Message})");
        }
        if (file is null || file.Version != FormatVersion)
            throw new DataFormatException(fullPath, null, null, null, $"format version {file?.Version} is not {FormatVersion}; save it again with this SciDsl version");
        var statistics = file.Normalization?.Select(s => ReadStatistics(s, fullPath)).ToArray();
        try
        {
            return new DataPreparation(statistics is null ? null : new Normalization(statistics), file.Classes is null ? null : new ClassLabels(file.Classes));
        }
        catch (ArgumentException e)
        {
            throw DataFormatException.About(fullPath, e);
        }
    }

    private static InputStatistics ReadStatistics(StatisticsFile s, string path)
    {
        long count = s.Shape?.Aggregate(1L, (product, dim) => product * dim) ?? -1;
        if (!Enum.TryParse(s.Over, out NormalizeOver over) || s.Input is null || s.Shape is null || s.Mean?.Length != count || s.Std?.Length != count
            || s.Std.Any(std => !(std > 0)))
            throw new DataFormatException(path, null, null, s.Input, "the normalisation statistics are incomplete or inconsistent (over, shape, mean and positive std of matching length)");
        return new InputStatistics(s.Input, over, s.Shape, s.Mean, s.Std);
    }

    private sealed record PreparationFile(int Version, StatisticsFile[]? Normalization, string[]? Classes);

    private sealed record StatisticsFile(string? Input, string? Over, long[]? Shape, double[]? Mean, double[]? Std);
}
