using System.Globalization;
using System.Text;
using TorchSharp;

namespace SciDsl;

/// <summary>One row of a generated model's <c>Summary()</c>; <paramref name="Module"/> is null for layers that are plain tensor expressions.</summary>
/// <param name="From">The nodes or inputs the layer reads, e.g. <c>x, conv1</c>; empty when it reads the previous layer.</param>
public sealed record LayerSummary(string Name, string Kind, string OutputShape, torch.nn.Module? Module, string From = "")
{
    public long Parameters => Module is null ? 0 : ModelSummary.CountParameters(Module);
}

/// <summary>
/// Formats a per-layer table of a model: name, kind, output shape and parameter count, and after an arrow
/// (<c>&lt;- x, conv1</c>) the nodes a layer reads when that is not the previous layer.
/// </summary>
public static class ModelSummary
{
    public static long CountParameters(torch.nn.Module module) => module.parameters().Sum(p => p.numel());

    public static string Format(torch.nn.Module model, ModelSignature signature, IReadOnlyList<LayerSummary> layers)
    {
        var rows = layers.Select(l => (l.Name, l.Kind, l.OutputShape, Parameters: l.Parameters.ToString("N0", CultureInfo.InvariantCulture), l.From)).ToList();
        int nameWidth = Math.Max(5, rows.Select(r => r.Name.Length).DefaultIfEmpty().Max());
        int kindWidth = Math.Max(4, rows.Select(r => r.Kind.Length).DefaultIfEmpty().Max());
        int shapeWidth = Math.Max(12, rows.Select(r => r.OutputShape.Length).DefaultIfEmpty().Max());
        long total = CountParameters(model);
        long trainable = model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());

        var text = new StringBuilder();
        text.AppendLine($"{signature.Model}: {string.Join("; ", signature.Inputs)} -> {string.Join("; ", signature.Outputs)}");
        string header = $"{"layer".PadRight(nameWidth)}  {"kind".PadRight(kindWidth)}  {"output shape".PadRight(shapeWidth)}  {"parameters",12}";
        text.AppendLine(header).AppendLine(new string('-', header.Length));
        foreach (var row in rows)
            text.AppendLine($"{row.Name.PadRight(nameWidth)}  {row.Kind.PadRight(kindWidth)}  {row.OutputShape.PadRight(shapeWidth)}  {row.Parameters,12}"
                + (row.From.Length > 0 ? $"  <- {row.From}" : ""));
        text.AppendLine(new string('-', header.Length));
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"total parameters: {total:N0} (trainable {trainable:N0})"));
        return text.ToString();
    }
}
