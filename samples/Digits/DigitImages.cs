using TorchSharp;

namespace SciDsl.Samples.Digits;

/// <summary>
/// The bundled 8×8 handwritten digits (UCI "Optical Recognition of Handwritten Digits", see data/README.md):
/// 1,797 images with grey levels 0..16, scaled here to [0, 1].
/// </summary>
[Dataset("x: 1,8,8", Target = "class: 10")]
public partial class DigitImages : IDataSource
{
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz");

    public string FilePath { get; init; } = DefaultPath;

    public LabelledData Load()
    {
        var table = CsvData.Load(FilePath);
        var images = (table.Features / 16f).reshape(-1, 1, 8, 8);
        return new LabelledData(images, table.Targets);
    }
}
