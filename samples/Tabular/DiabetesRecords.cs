using TorchSharp;

namespace SciDsl.Samples.Tabular;

/// <summary>
/// The bundled diabetes records (data/README.md): 442 patients, ten raw baseline variables, and disease progression one
/// year later. The progression is divided by <see cref="TargetScale"/> so losses stay near 1; the variables stay raw,
/// since the experiments standardise them with statistics of the training split (<c>[Train(Normalize = true)]</c>).
/// </summary>
[Dataset("x: 10", Target = "value: 1")]
public partial class DiabetesRecords : IDataSource
{
    /// <summary>Progression units per target unit: a fixed constant, so no statistic of held-out patients enters training.</summary>
    public const float TargetScale = 100;

    /// <summary>The ten variables in file order.</summary>
    public static readonly string[] FeatureNames = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"];

    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "data");

    public LabelledData Load()
    {
        var features = CsvData.LoadMatrix(Path.Combine(DataDirectory, "diabetes_data_raw.csv.gz"), CsvOptions.WhitespaceSeparated);
        var progression = CsvData.LoadMatrix(Path.Combine(DataDirectory, "diabetes_target.csv.gz"), CsvOptions.WhitespaceSeparated);
        if (features.shape[1] != FeatureNames.Length || progression.shape[1] != 1 || features.shape[0] != progression.shape[0])
            throw new InvalidDataException(
                $"Expected {FeatureNames.Length} feature columns and one target column with equal rows, found [{string.Join(", ", features.shape)}] and [{string.Join(", ", progression.shape)}].");
        return new LabelledData(features, progression / TargetScale);
    }
}
