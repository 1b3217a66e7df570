namespace SciDsl.Generators.Tests.Infrastructure;

/// <summary>
/// Builds a one-model source file with a fixed layout, so tests can name lines:
/// line 1 <c>using SciDsl;</c>, line 3 the <c>[Model]</c> attribute, line 4 the first layer row,
/// and the class declaration after the last row.
/// </summary>
internal static class ModelSource
{
    public const int ModelLine = 3;

    /// <summary>The line of the <paramref name="row"/>-th layer row (1-based).</summary>
    public static int LayerLine(int row) => ModelLine + row;

    public static string Of(string inputs, params string[] layerRows) => OfClass("public partial class Net;", inputs, layerRows);

    public static string OfClass(string declaration, string inputs, params string[] layerRows) =>
        "using SciDsl;\n\n" + $"[Model(\"{inputs}\")]\n" + string.Concat(layerRows.Select(row => row + "\n")) + declaration + "\n";
}
