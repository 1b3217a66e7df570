namespace SciDsl;

/// <summary>How <see cref="CsvData"/> reads a numeric text table.</summary>
public sealed record CsvOptions
{
    /// <summary>Lines to skip before the data (headers such as <c>150,4,setosa,versicolor,virginica</c>).</summary>
    public int SkipLines { get; init; }

    /// <summary>The column separator; null means runs of spaces or tabs (as in the diabetes files).</summary>
    public char? Separator { get; init; } = ',';

    /// <summary>0-based label column; negative counts from the end (-1 = last).</summary>
    public int LabelColumn { get; init; } = -1;

    /// <summary><see cref="TargetKind.Class"/>: labels become int64 class indices; <see cref="TargetKind.Value"/>: float32 <c>[N, 1]</c>.</summary>
    public TargetKind Labels { get; init; } = TargetKind.Class;

    /// <summary>
    /// False (the default): an empty field or <c>NaN</c> is an error naming its line and column.
    /// True: both are read as a missing value, float <c>NaN</c> in the features (or in <see cref="TargetKind.Value"/> labels),
    /// for the caller to impute or drop before training (a NaN reaching the loss stops training). Class labels
    /// must still be whole numbers, and infinities or values beyond the float32 range stay errors either way.
    /// </summary>
    public bool AllowMissingValues { get; init; }

    /// <summary>Whitespace-separated columns, no header.</summary>
    public static CsvOptions WhitespaceSeparated { get; } = new() { Separator = null };
}
