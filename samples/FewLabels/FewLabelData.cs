using System.Text.Json;
using SciDsl.Samples.Digits;
using TorchSharp;

namespace SciDsl.Samples.FewLabels;

/// <summary>
/// The bundled digits cut by the fixed split in data/digits-5pct-split.json (row indices): 71 labelled training images
/// (5 % per class), the other 1,366 training images without labels, and 360 test images held out for the table.
/// </summary>
public static class FixedSplit
{
    private static readonly Lazy<(LabelledData All, JsonDocument Rows)> Loaded = new(() =>
        (new DigitImages().Load(), JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "digits-5pct-split.json")))));

    /// <param name="part"><c>"labelled"</c>, <c>"unlabelled"</c> or <c>"test"</c>.</param>
    public static torch.Tensor Features(string part) => Loaded.Value.All.Features.index_select(0, torch.tensor(Rows(part)));

    public static torch.Tensor Targets(string part) => Loaded.Value.All.Targets.index_select(0, torch.tensor(Rows(part)));

    /// <summary>The part's row indices in the bundled digits file.</summary>
    public static long[] Rows(string part) =>
        Loaded.Value.Rows.RootElement.GetProperty(part).EnumerateArray().Select(row => row.GetInt64()).ToArray();
}

/// <summary>The 71 labelled training digits.</summary>
[Dataset("x: 1,8,8", Target = "class: 10")]
public partial class LabelledDigits : IDataSource
{
    public LabelledData Load() => new(FixedSplit.Features("labelled"), FixedSplit.Targets("labelled"));
}

/// <summary>The other 1,366 training digits; their labels are never read.</summary>
[Dataset("x: 1,8,8")]
public partial class UnlabelledDigits : ISampleSource
{
    public SampleSet LoadSamples() => new([("x", FixedSplit.Features("unlabelled"))]);
}

/// <summary>All 1,437 training digits (the labelled ones first) without labels, for self-supervised pretraining.</summary>
[Dataset("x: 1,8,8")]
public partial class TrainingDigitsWithoutLabels : ISampleSource
{
    public SampleSet LoadSamples() => new([("x", torch.cat([FixedSplit.Features("labelled"), FixedSplit.Features("unlabelled")], 0))]);
}
