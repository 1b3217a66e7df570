using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Layers;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Parse;

/// <summary>Turns a <c>[Model]</c> class's attributes into a <see cref="ModelSpec"/>, in source order.</summary>
internal static class ModelParser
{
    public const string ModelAttribute = "SciDsl.ModelAttribute";
    private const string LayerAttribute = "SciDsl.LayerAttribute";
    private const string OutputAttribute = "SciDsl.OutputAttribute";

    /// <summary>TorchSharp's <c>nn.Module</c> has type parameters for at most six inputs and the result.</summary>
    private const int MaxInputs = 6;

    public static ParseResult<ModelSpec> Parse(INamedTypeSymbol type, CancellationToken cancellation)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var typeLocation = DeclaredTypeReader.IdentifierLocation(type);
        if (DeclaredTypeReader.RequireSupportedClass(type, typeLocation, "Model", GeneratedNames.ModelMembers) is { } unsupported) diagnostics.Add(unsupported);

        var attributes = type.GetAttributes();
        var model = attributes.First(a => a.AttributeClass?.ToDisplayString() == ModelAttribute);
        var modelLocation = LocationOf(model) ?? typeLocation;
        string? inputsText = model.ConstructorArguments.FirstOrDefault().Value as string;
        var inputs = ParseSignature(inputsText, modelLocation, "input shapes", diagnostics);
        if (inputs is { } declaredInputs && declaredInputs.Count > MaxInputs)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyInputs, modelLocation, type.Name,
                Literal.Long(declaredInputs.Count), Literal.Long(MaxInputs),
                "combine inputs of the same kind into one tensor, e.g. as channels or features"));
        foreach (var input in inputs ?? EquatableArray<TensorSpec>.Empty)
            if (GeneratedNames.ClashInModel(input.Name, type.Name) is { } clash)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameClash, modelLocation, $"input '{input.Name}'", $"'{input.Name}' is {clash}", "rename the input"));

        var layers = new List<LayerSpec>();
        var names = new Dictionary<string, string>();
        foreach (var input in inputs ?? EquatableArray<TensorSpec>.Empty) names[input.Name] = $"input '{input.Name}'";
        bool unreadable = false;
        var declared = attributes.Where(a => DerivesFrom(a.AttributeClass, LayerAttribute)).ToList();
        var declaringModel = new DeclaringModel(DeclaredTypeReader.Read(type), inputs ?? EquatableArray<TensorSpec>.Empty, ModelMethod.Of(type));
        foreach (var attribute in declared)
        {
            cancellation.ThrowIfCancellationRequested();
            if (attribute.AttributeConstructor is null) { unreadable = true; continue; } // the compiler reports it
            var layer = ReadLayer(attribute, type, declaringModel, declared, names, diagnostics, cancellation);
            if (layer is null) unreadable = true;
            else layers.Add(layer);
        }

        var outputs = attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == OutputAttribute) is { } output
            && output.ConstructorArguments.FirstOrDefault() is { Kind: TypedConstantKind.Array } list
                ? list.Values.Select(v => v.Value as string ?? "").ToEquatableArray()
                : EquatableArray<string>.Empty;

        var spec = inputs is null || unreadable
            ? null
            : new ModelSpec(declaringModel.Type, inputs.Value, layers.ToEquatableArray(), outputs, modelLocation);
        return new ParseResult<ModelSpec>(spec, diagnostics.ToEquatableArray());
    }

    private static LayerSpec? ReadLayer(AttributeData attribute, INamedTypeSymbol model, DeclaringModel declaringModel, List<AttributeData> all, Dictionary<string, string> names,
        List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
    {
        string modelName = model.Name;
        string kindName = attribute.AttributeClass!.Name;
        if (kindName.EndsWith("Attribute")) kindName = kindName.Substring(0, kindName.Length - "Attribute".Length);
        var location = LocationOf(attribute);
        string display = attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax syntax ? syntax.ToString() : kindName;
        var kind = LayerRegistry.Find(kindName);
        if (kind is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownLayerKind, location, kindName,
                string.Join(", ", LayerRegistry.All.Take(3).Select(k => k.AttributeName))));
            return null;
        }

        var arguments = AttributeArguments.From(attribute) with { Model = declaringModel };
        if (attribute.ConstructorArguments.FirstOrDefault() is { Kind: TypedConstantKind.Type } typeArgument)
        {
            if (typeArgument.Value is not INamedTypeSymbol block || !block.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ModelAttribute))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerArgument, location, display,
                    $"{typeArgument.Value} is not a [Model] class; name a class declared with [Model(\"...\")]"));
                return null;
            }
            if (CompositionPath(block, model, new HashSet<ISymbol>(SymbolEqualityComparer.Default)) is { } path)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CompositionCycle, location, display, modelName,
                    string.Join(" → ", new[] { modelName }.Concat(path))));
                return null;
            }
            // The block reports its own mistakes where they are written; here it only has to be readable.
            if (Parse(block, cancellation) is not { Spec: { } blockSpec, Diagnostics.Count: 0 }) return null;
            arguments = arguments with { Block = blockSpec };
        }
        string? explicitName = arguments.String("Name");
        string name = explicitName ?? GeneratedName(kindName, all, attribute, names);
        if (explicitName is not null && !SignatureParser.IsIdentifier(explicitName))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerArgument, location, display,
                $"Name \"{explicitName}\" must be a C# identifier (letters, digits, '_')"));
            return null;
        }
        if (explicitName is not null && GeneratedNames.ClashInModel(explicitName, modelName) is { } clash)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameClash, location, $"{display} '{explicitName}'", $"'{explicitName}' is {clash}", "choose another Name"));
            return null;
        }
        if (names.TryGetValue(name, out string? owner))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateNodeName, location, name, display, owner));
            return null;
        }
        names[name] = $"{display} '{name}'";

        // Merges name their sources in the constructor ([Add("a", "b")]); every layer may also say From = "a,b".
        var from = (arguments.String("from") ?? "").Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToEquatableArray();
        var site = new LayerSite(name, explicitName is not null, from, display, location);
        var errors = new LayerArgumentErrors(site, diagnostics);
        RequireFloat32Numbers(attribute, errors);
        if (errors.Any) return null;
        try
        {
            return kind.Parse(site, arguments, errors);
        }
        catch (OverflowException e)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SizeOverflows, location, site.Describe(), e.Message));
            return null;
        }
    }

    /// <summary>
    /// Parses a tensor declaration such as a model's inputs or a dataset's sample: SD2001 when it is
    /// malformed, SD1007 when a size or an element count does not fit in 64 bits.
    /// </summary>
    internal static EquatableArray<TensorSpec>? ParseSignature(string? text, LocationInfo? location, string what, List<DiagnosticInfo> diagnostics)
    {
        try
        {
            var tensors = SignatureParser.Parse(text, out string? error);
            if (tensors is null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedShape, location, text ?? "",
                    ShapeStringAdvice.For(text ?? "") ?? error!));
            return tensors;
        }
        catch (OverflowException e)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SizeOverflows, location, $"{what} \"{text}\"", e.Message));
            return null;
        }
    }

    /// <summary>
    /// SD2003 for a floating-point argument without a float32 value (NaN, ±∞, beyond ±3.4E+38): layer
    /// arguments become float32 weights and ONNX attributes, and such values have no C# literal.
    /// </summary>
    private static void RequireFloat32Numbers(AttributeData attribute, LayerArgumentErrors errors)
    {
        var parameters = attribute.AttributeConstructor!.Parameters;
        var arguments = attribute.ConstructorArguments.Take(parameters.Length).Select((value, i) => (parameters[i].Name, value))
            .Concat(attribute.NamedArguments.Select(named => (named.Key, named.Value)));
        foreach (var (name, value) in arguments)
        {
            if (value.Kind != TypedConstantKind.Primitive || value.Value is not (double or float)) continue;
            double number = System.Convert.ToDouble(value.Value, CultureInfo.InvariantCulture);
            if (!(System.Math.Abs(number) <= float.MaxValue))
                errors.Add($"{name} must be a finite number within float32 range (±3.4E+38) but is {Literal.Double(number)}");
        }
    }

    /// <summary><c>conv2d_2</c> for the second Conv2d; skips names the user took explicitly.</summary>
    private static string GeneratedName(string kindName, List<AttributeData> all, AttributeData attribute, Dictionary<string, string> names)
    {
        int ordinal = all.Where(a => a.AttributeClass!.Name == attribute.AttributeClass!.Name).ToList().IndexOf(attribute) + 1;
        string baseName = kindName.ToLowerInvariant() + "_" + ordinal;
        string name = baseName;
        for (int suffix = 2; names.ContainsKey(name) || IsExplicitName(all, name); suffix++) name = baseName + "_" + suffix;
        return name;
    }

    /// <summary>
    /// The chain of blocks by which <paramref name="block"/> reaches <paramref name="model"/> through <c>typeof</c>
    /// layer arguments (itself included), or null when it does not: a model containing itself has no finite size.
    /// </summary>
    private static IEnumerable<string>? CompositionPath(INamedTypeSymbol block, INamedTypeSymbol model, HashSet<ISymbol> visited)
    {
        if (SymbolEqualityComparer.Default.Equals(block, model)) return new[] { block.Name };
        if (!visited.Add(block)) return null;
        foreach (var attribute in block.GetAttributes().Where(a => DerivesFrom(a.AttributeClass, LayerAttribute)))
            if (attribute.ConstructorArguments.FirstOrDefault() is { Kind: TypedConstantKind.Type, Value: INamedTypeSymbol inner }
                && CompositionPath(inner, model, visited) is { } rest)
                return new[] { block.Name }.Concat(rest);
        return null;
    }

    private static bool IsExplicitName(List<AttributeData> all, string name) =>
        all.Any(a => a.NamedArguments.Any(n => n.Key == "Name" && n.Value.Value as string == name));

    private static bool DerivesFrom(INamedTypeSymbol? type, string baseName)
    {
        for (var t = type?.BaseType; t is not null; t = t.BaseType)
            if (t.ToDisplayString() == baseName) return true;
        return false;
    }

    internal static LocationInfo? LocationOf(AttributeData attribute) =>
        LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax());
}
