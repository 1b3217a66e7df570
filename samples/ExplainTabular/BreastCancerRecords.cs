using TorchSharp;

namespace SciDsl.Samples.ExplainTabular;

/// <summary>
/// The bundled Wisconsin Diagnostic Breast Cancer records (data/README.md): 569 rows of 30 features and a label
/// (0 = malignant, 1 = benign), split 80/20 by a seeded permutation and standardised with the training rows' statistics.
/// </summary>
public sealed class BreastCancerRecords
{
    /// <summary>The 30 features in file order: ten nucleus measurements, as mean, standard error and worst value.</summary>
    public static readonly string[] FeatureNames =
    [
        "mean radius", "mean texture", "mean perimeter", "mean area", "mean smoothness",
        "mean compactness", "mean concavity", "mean concave points", "mean symmetry", "mean fractal dimension",
        "radius error", "texture error", "perimeter error", "area error", "smoothness error",
        "compactness error", "concavity error", "concave points error", "symmetry error", "fractal dimension error",
        "worst radius", "worst texture", "worst perimeter", "worst area", "worst smoothness",
        "worst compactness", "worst concavity", "worst concave points", "worst symmetry", "worst fractal dimension",
    ];

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv");

    public required torch.Tensor TrainFeatures { get; init; }
    public required torch.Tensor TrainLabels { get; init; }
    public required torch.Tensor TestFeatures { get; init; }
    public required torch.Tensor TestLabels { get; init; }

    /// <summary>Loads the file (its first line holds counts, not column names, so it is skipped) and splits it.</summary>
    public static BreastCancerRecords Load(int seed, string? path = null)
    {
        var table = CsvData.Load(path ?? DefaultPath, new CsvOptions { SkipLines = 1 });
        if (table.Features.shape[1] != FeatureNames.Length)
            throw new InvalidDataException($"Expected {FeatureNames.Length} feature columns in the breast-cancer file, found {table.Features.shape[1]}.");
        long rows = table.Features.shape[0], test = rows / 5;
        var order = torch.randperm(rows, generator: new torch.Generator((ulong)seed));
        var (testRows, trainRows) = (order[..(int)test], order[(int)test..]);
        var train = table.Features.index_select(0, trainRows);
        var mean = train.mean([0L], keepdim: true);
        var scale = train.std(0L, keepdim: true);
        return new BreastCancerRecords
        {
            TrainFeatures = (train - mean) / scale,
            TrainLabels = table.Targets.index_select(0, trainRows),
            TestFeatures = (table.Features.index_select(0, testRows) - mean) / scale,
            TestLabels = table.Targets.index_select(0, testRows),
        };
    }
}
