using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Parse;

/// <summary>Reads a <c>[Dataset]</c> class: its sample shape (SD2001) and its target (SD3001).</summary>
internal static class DatasetParser
{
    public const string DatasetAttribute = "SciDsl.DatasetAttribute";
    private const string DataSourceInterface = "SciDsl.IDataSource";

    public static ParseResult<DatasetSpec> Parse(INamedTypeSymbol type)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var typeLocation = DeclaredTypeReader.IdentifierLocation(type);
        if (DeclaredTypeReader.RequirePartialClass(type, typeLocation, "Dataset") is { } notPartial) diagnostics.Add(notPartial);

        var attribute = type.GetAttributes().First(a => a.AttributeClass?.ToDisplayString() == DatasetAttribute);
        var location = ModelParser.LocationOf(attribute) ?? typeLocation;
        var arguments = AttributeArguments.From(attribute);
        string sampleText = arguments.String("sample") ?? "";
        var sample = ModelParser.ParseSignature(sampleText, location, "the sample", diagnostics);
        if (sample is { Count: not 1 })
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedShape, location, sampleText, "a dataset declares exactly one sample tensor"));

        string targetText = arguments.String("Target") ?? "";
        var target = ParseTarget(targetText);
        if (target is null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExperimentDeclaration, location, type.Name,
                $"Target \"{targetText}\" must be \"class: N\" (N >= 2 classes) or \"value: N\" (N >= 1 values per sample)"));
        if (!type.AllInterfaces.Any(i => i.ToDisplayString() == DataSourceInterface))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExperimentDeclaration, typeLocation, type.Name,
                "a [Dataset] class must implement SciDsl.IDataSource (its Load method supplies the tensors)"));

        var spec = sample is { Count: 1 } && target is { } t
            ? new DatasetSpec(DeclaredTypeReader.Read(type), sample.Value[0], t.Kind, t.Size, targetText)
            : null;
        return new ParseResult<DatasetSpec>(spec, diagnostics.ToEquatableArray());
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
