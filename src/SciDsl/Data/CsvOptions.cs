namespace SciDsl;

/// <summary>How <see cref="CsvData"/> reads a numeric text table.</summary>
public sealed record CsvOptions
{
    /// <summary>Lines to skip before the data (headers such as <c>150,4,setosa,versicolor,virginica</c>).</summary>
    public int SkipLines { get; init; }

    /// <summary>The column separator; null means runs of spaces or tabs (as in the diabetes files).</summary>
    public char? Separator { get; init; } = ',';

    /// <summary>The first data line (after <see cref="SkipLines"/>) names the columns, so <see cref="LabelColumnName"/> and <see cref="FeatureColumns"/> can name them.</summary>
    public bool HasHeader { get; init; }

    /// <summary>0-based label column; negative counts from the end (-1 = last). <see cref="LabelColumnName"/> overrides it.</summary>
    public int LabelColumn { get; init; } = -1;

    /// <summary>The label column's header name (needs <see cref="HasHeader"/>).</summary>
    public string? LabelColumnName { get; init; }

    /// <summary>The feature columns by header name, in this order (needs <see cref="HasHeader"/>); other columns are not read, so they may hold text. Null: every column but the label.</summary>
    public IReadOnlyList<string>? FeatureColumns { get; init; }

    /// <summary>
    /// The class names in class-index order, for <see cref="TargetKind.Class"/> labels that are names (e.g. <c>setosa</c>);
    /// a label not in the list is an error. Null: whole-number labels are class indices as written, and labels that are
    /// names get indices in ordinal name order. Either way names are kept in <see cref="LabelledData.Classes"/>.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

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
