using System;
using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Layers;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Check;

/// <summary>
/// Walks a model's layers in order with their shape rules. A layer that fails stops the
/// layers depending on it from being checked, so one mistake gives one diagnostic.
/// </summary>
internal static class ShapeChecker
{
    private sealed record Value(Shape Shape, string Description, string ElementType);

    public static ParseResult<ShapedModel> Check(ModelSpec model)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var values = new Dictionary<string, Value?>();
        foreach (var input in model.Inputs) values[input.Name] = new Value(input.Shape, $"input '{input.Name}'", input.ElementType);

        var inputSymbols = new HashSet<string>(model.Inputs.SelectMany(input => input.Shape.Dims).SelectMany(d => d.Symbols));
        var nodes = new List<ShapedNode>();
        string previous = model.Inputs[0].Name;
        foreach (var layer in model.Layers)
        {
            var main = layer.Site.From.Count > 0 ? layer.Site.From : EquatableArray.Of(previous);
            var sources = main.Concat(layer.NamedInputs.Select(n => n.Node)).ToEquatableArray();
            previous = layer.Site.Name;
            values[layer.Site.Name] = null; // unknown until inferred

            var unknown = sources.FirstOrDefault(s => !values.ContainsKey(s) || s == layer.Site.Name);
            if (unknown is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownName, layer.Site.Location,
                    layer.Site.Display, unknown, "an input or an earlier layer", UnknownSourceFix(unknown, layer, model, values.Keys)));
                continue;
            }
            var inputs = sources.Select(s => values[s]).ToList();
            if (inputs.Any(v => v is null)) continue; // an earlier error already explains it

            var context = new InferContext(layer.Site,
                inputs.Select(v => v!.Shape).ToEquatableArray(),
                inputs.Select(v => v!.Description).ToEquatableArray(),
                inputs.Select(v => v!.ElementType).ToEquatableArray(),
                layer.NamedInputs.Select(n => n.Argument).ToEquatableArray(),
                model.Inputs.Select(i => i.Shape).ToEquatableArray());
            var inference = InferWithin64Bits(layer, context);
            if ((inference.Error ?? VaryingParameterSize(inference.Resolved!, context, inputSymbols)) is { } error)
            {
                diagnostics.Add(error);
                continue;
            }
            values[layer.Site.Name] = new Value(inference.Output!, layer.Site.Describe(), TensorSpec.Float32);
            // Emission never reports, so the shaped model drops locations: moving a declaration must not re-emit it.
            var resolved = inference.Resolved! with { Site = inference.Resolved.Site with { Location = null } };
            nodes.Add(new ShapedNode(resolved, sources, context.Inputs, inference.Output!));
        }

        var outputNodes = model.Outputs.Count > 0 ? model.Outputs : EquatableArray.Of(previous);
        foreach (string name in outputNodes.Where(n => !values.ContainsKey(n)))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownName, model.Location,
                "[Output]", name, "a layer or input of the model", KnownNames(name, values.Keys)));
        if (diagnostics.Count > 0) return new ParseResult<ShapedModel>(null, diagnostics.ToEquatableArray());

        var shaped = Shaped(model, nodes, outputNodes, values);
        // Constructor symbols become parameters and properties: they must not clash with other members.
        foreach (string symbol in shaped.ConstructorSymbols)
        {
            string? clash = values.ContainsKey(symbol) ? "the name of an input or layer" : GeneratedNames.ClashInModel(symbol, model.Type.Name);
            if (clash is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SizeSymbolClash, model.Location, symbol,
                    DeclaredBy(symbol, model, nodes), model.Type.Name, clash));
        }
        return new ParseResult<ShapedModel>(diagnostics.Count > 0 ? null : shaped, diagnostics.ToEquatableArray());
    }

    /// <summary>The layer's shape rule; SD1007 when a size or the output's element count leaves 64-bit integers.</summary>
    private static LayerInference InferWithin64Bits(LayerSpec layer, InferContext context)
    {
        LayerInference? inference;
        try
        {
            inference = layer.Infer(context);
        }
        catch (OverflowException)
        {
            inference = null;
        }
        return inference is null || inference.Output is { } output && !output.ElementCountFits()
            ? context.Fail(DiagnosticDescriptors.SizeOverflows, layer.Site.Describe(),
                $"its output for {string.Join(" and ", context.Inputs.Select(s => s.ToString()))}")
            : inference;
    }

    /// <summary>
    /// SD1001 at a layer whose parameters a product of the model's input sizes would size (<c>64*H*W</c> after a
    /// Flatten of <c>[B, 64, H, W]</c>): such sizes say the input's extent varies, but parameters are built once.
    /// One input size used alone (a feature width <c>F</c>) becomes a constructor parameter instead.
    /// </summary>
    private static DiagnosticInfo? VaryingParameterSize(LayerSpec resolved, InferContext context, HashSet<string> inputSymbols)
    {
        if (!resolved.ConstructionDimsSizeParameters) return null;
        foreach (var dim in resolved.ConstructionDims)
        {
            var varying = dim.SymbolsMultipliedTogether(inputSymbols).ToList();
            if (varying.Count == 0) continue;
            string names = varying.Count == 1 ? varying[0] : string.Join(", ", varying.Take(varying.Count - 1)) + " and " + varying[varying.Count - 1];
            return context.RejectShape(
                $"a size fixed when the model is built, as its parameters are sized by it (not {dim}, which grows with the input sizes {names})",
                $"make {names} fixed in the model's input shape (numbers), or pool them away first, e.g. insert [GlobalAvgPool] before [Flatten]").Error;
        }
        return null;
    }

    /// <summary>A layer reading itself or a later layer is told so; a misspelt name gets the closest known one.</summary>
    private static string UnknownSourceFix(string unknown, LayerSpec layer, ModelSpec model, IEnumerable<string> names)
    {
        if (unknown == layer.Site.Name) return "a layer cannot read its own output; name an input or an earlier layer";
        var later = model.Layers.SkipWhile(l => l != layer).Skip(1).FirstOrDefault(l => l.Site.Name == unknown);
        return later is not null
            ? $"'{unknown}' is {later.Site.Display}, declared after it; a layer reads only inputs and earlier layers, so move one of them"
            : KnownNames(unknown, names.Where(n => n != layer.Site.Name));
    }

    /// <summary><c>known names: x, hidden (did you mean 'hidden'?)</c> for <c>hiden</c>.</summary>
    internal static string KnownNames(string unknown, IEnumerable<string> names)
    {
        var known = names.ToList();
        string? closest = Closest(unknown, known, Math.Max(1, unknown.Length / 3));
        return $"known names: {string.Join(", ", known)}" + (closest is null ? "" : $" (did you mean '{closest}'?)");
    }

    /// <summary>The name nearest <paramref name="unknown"/> ignoring case (so a miscased name comes first), within <paramref name="maxDistance"/> edits; null when none is.</summary>
    internal static string? Closest(string unknown, IEnumerable<string> names, int maxDistance) => names
        .Select(n => (Name: n, Distance: EditDistance(unknown.ToLowerInvariant(), n.ToLowerInvariant())))
        .Where(c => c.Distance <= maxDistance)
        .OrderBy(c => c.Distance).Select(c => c.Name).FirstOrDefault();

    private static int EditDistance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    /// <summary>Where a size symbol is written: the model's inputs, else the first layer sized by it.</summary>
    private static string DeclaredBy(string symbol, ModelSpec model, List<ShapedNode> nodes) =>
        model.Inputs.Any(input => input.Shape.Dims.Any(d => d.Symbols.Contains(symbol)))
            ? "the [Model] inputs"
            : nodes.First(n => n.Layer.ConstructionDims.Any(d => d.Symbols.Contains(symbol))).Layer.Site.Display;

    private static ShapedModel Shaped(ModelSpec model, List<ShapedNode> nodes, EquatableArray<string> outputNodes, Dictionary<string, Value?> values)
    {
        var outputs = outputNodes.Select(n => new TensorSpec(model.Outputs.Count > 0 ? n : "output", TensorSpec.Float32, values[n]!.Shape));
        var constructorSymbols = nodes.SelectMany(n => n.Layer.ConstructionDims).SelectMany(d => d.Symbols).Distinct();
        return new ShapedModel(model.Type, model.Inputs, nodes.ToEquatableArray(), outputs.ToEquatableArray(), outputNodes,
            constructorSymbols.ToEquatableArray());
    }
}
