using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Parse;

/// <summary>
/// Reads a <c>[Dataset]</c> class: its sample inputs (SD2001; several separated by <c>;</c>, as a model's inputs), its
/// target (SD3004; none for unlabelled samples) and that it is a data source (SD3005).
/// </summary>
internal static class DatasetParser
{
    public const string DatasetAttribute = "SciDsl.DatasetAttribute";
    private const string DataSourceInterface = "SciDsl.IDataSource";
    private const string SampleSourceInterface = "SciDsl.ISampleSource";

    public static ParseResult<DatasetSpec> Parse(INamedTypeSymbol type)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var typeLocation = DeclaredTypeReader.IdentifierLocation(type);
        if (DeclaredTypeReader.RequireSupportedClass(type, typeLocation, "Dataset", GeneratedNames.DatasetMembers) is { } unsupported) diagnostics.Add(unsupported);

        var attribute = type.GetAttributes().First(a => a.AttributeClass?.ToDisplayString() == DatasetAttribute);
        var location = ModelParser.LocationOf(attribute) ?? typeLocation;
        var arguments = AttributeArguments.From(attribute);
        string sampleText = arguments.String("sample") ?? "";
        var inputs = ModelParser.ParseSignature(sampleText, location, "the sample", diagnostics);

        // No Target at all declares unlabelled samples; a Target that is there must be well formed.
        string? targetText = arguments.String("Target");
        var target = targetText is null ? ("None", 0, "Sample") : ParseTarget(targetText);
        if (target is null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedTarget, location, type.Name, targetText!, TargetAdvice(targetText!)));
        else if (inputs is { } sample && PositionProblem(target.Value.Per, sample[0]) is { } problem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedTarget, location, type.Name, targetText!, problem));
            target = null;
        }
        bool isDataSource = type.AllInterfaces.Any(i => i.ToDisplayString() == DataSourceInterface);
        bool isSampleSource = type.AllInterfaces.Any(i => i.ToDisplayString() == SampleSourceInterface);
        if (!isDataSource && !isSampleSource)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DatasetClassUnusable, typeLocation, type.Name,
                $"a [Dataset] class must implement SciDsl.IDataSource, whose Load() supplies the tensors, or SciDsl.ISampleSource for several inputs or unlabelled samples; declare it as {type.Name} : IDataSource"));

        var spec = inputs is { } declared && target is { } t
            ? new DatasetSpec(DeclaredTypeReader.Read(type), declared, t.Kind, t.Size, targetText ?? "", isDataSource, t.Per, isSampleSource)
            : null;
        return new ParseResult<DatasetSpec>(spec, diagnostics.ToEquatableArray());
    }

    /// <summary>A number and a kind-like word (<c>"classes 10"</c>, <c>"labels=3"</c>) are rewritten; anything else gets examples.</summary>
    private static string TargetAdvice(string text)
    {
        var match = Regex.Match(text, @"^\s*([A-Za-z]+)\s*[:=]?\s*(-?\d+)\s*$");
        string word = match.Success ? match.Groups[1].Value.ToLowerInvariant() : "";
        long.TryParse(match.Groups[2].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long size);
        bool classLike = word.StartsWith("class") || word.StartsWith("label") || word.StartsWith("categor");
        bool valueLike = word.StartsWith("value") || word.StartsWith("regress");
        if (classLike && size >= 2) return $"write Target = \"class: {size}\"";
        if (classLike) return "a class target needs at least 2 classes; for one real value per sample write Target = \"value: 1\"";
        if (valueLike && size >= 1) return $"write Target = \"value: {size}\"";
        if (text.Contains("per")) return "a target per position is a class per pixel or node, e.g. Target = \"class: 2 per pixel\" or Target = \"class: 4 per node\"";
        return "write e.g. Target = \"class: 10\" for 10 classes or Target = \"value: 1\" for one real value per sample";
    }

    /// <summary><c>"class: N"</c>, <c>"class: N per pixel"</c>, <c>"class: N per node"</c> or <c>"value: N"</c>.</summary>
    private static (string Kind, int Size, string Per)? ParseTarget(string text)
    {
        var match = Regex.Match(text, @"^\s*(class|value)\s*:\s*(\d+)\s*(?:per\s+(pixel|node)\s*)?$");
        if (!match.Success || !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int size)) return null;
        string per = match.Groups[3].Success ? (match.Groups[3].Value == "pixel" ? "Pixel" : "Node") : "Sample";
        return match.Groups[1].Value switch
        {
            "class" when size >= 2 => ("Class", size, per),
            // Regression per pixel or node has no loss yet that reads such targets.
            "value" when size >= 1 && per == "Sample" => ("Value", size, per),
            _ => null,
        };
    }

    /// <summary>Per pixel needs an image sample (its last two dims are the mask's); per node a graph's node dim first.</summary>
    private static string? PositionProblem(string per, TensorSpec sample) => per switch
    {
        "Pixel" when sample.Shape.Rank < 2 =>
            $"a target per pixel labels the last two dims (H, W) of an image sample, but sample '{sample.Name}' is {sample.Shape}; declare it as \"{sample.Name}: C,H,W\"",
        "Node" when sample.Shape.Rank != 2 =>
            $"a target per node labels the first dim of a graph's node features (N, F), but sample '{sample.Name}' is {sample.Shape}; declare it as \"{sample.Name}: N,F\"",
        _ => null,
    };
}
