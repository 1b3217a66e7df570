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
        var target = targetText is null ? ("None", 0) : ParseTarget(targetText);
        if (target is null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedTarget, location, type.Name, targetText!, TargetAdvice(targetText!)));
        bool isDataSource = type.AllInterfaces.Any(i => i.ToDisplayString() == DataSourceInterface);
        if (!isDataSource && !type.AllInterfaces.Any(i => i.ToDisplayString() == SampleSourceInterface))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DatasetClassUnusable, typeLocation, type.Name,
                $"a [Dataset] class must implement SciDsl.IDataSource, whose Load() supplies the tensors, or SciDsl.ISampleSource for several inputs or unlabelled samples; declare it as {type.Name} : IDataSource"));

        var spec = inputs is { } declared && target is { } t
            ? new DatasetSpec(DeclaredTypeReader.Read(type), declared, t.Kind, t.Size, targetText ?? "", isDataSource)
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
        return "write e.g. Target = \"class: 10\" for 10 classes or Target = \"value: 1\" for one real value per sample";
    }

    private static (string Kind, int Size)? ParseTarget(string text)
    {
        int colon = text.IndexOf(':');
        if (colon < 0) return null;
        string kind = text.Substring(0, colon).Trim();
        if (!int.TryParse(text.Substring(colon + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int size)) return null;
        return kind switch
        {
            "class" when size >= 2 => ("Class", size),
            "value" when size >= 1 => ("Value", size),
            _ => null,
        };
    }
}
