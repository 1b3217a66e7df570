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
    private sealed record Value(Shape Shape, string Description);

    public static ParseResult<ShapedModel> Check(ModelSpec model)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var values = new Dictionary<string, Value?>();
        foreach (var input in model.Inputs) values[input.Name] = new Value(input.Shape, $"input '{input.Name}'");

        var nodes = new List<ShapedNode>();
        string previous = model.Inputs[0].Name;
        foreach (var layer in model.Layers)
        {
            var sources = layer.Site.From.Count > 0 ? layer.Site.From : EquatableArray.Of(previous);
            previous = layer.Site.Name;
            values[layer.Site.Name] = null; // unknown until inferred

            var unknown = sources.FirstOrDefault(s => !values.ContainsKey(s) || s == layer.Site.Name);
            if (unknown is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownName, layer.Site.Location,
                    layer.Site.Display, unknown, "an input or an earlier layer", string.Join(", ", values.Keys.Where(k => k != layer.Site.Name))));
                continue;
            }
            var inputs = sources.Select(s => values[s]).ToList();
            if (inputs.Any(v => v is null)) continue; // an earlier error already explains it

            var context = new InferContext(layer.Site,
                inputs.Select(v => v!.Shape).ToEquatableArray(),
                inputs.Select(v => v!.Description).ToEquatableArray());
            var inference = InferWithin64Bits(layer, context);
            if (inference.Error is not null)
            {
                diagnostics.Add(inference.Error);
                continue;
            }
            values[layer.Site.Name] = new Value(inference.Output!, layer.Site.Describe());
            // Emission never reports, so the shaped model drops locations: moving a declaration must not re-emit it.
            var resolved = inference.Resolved! with { Site = inference.Resolved.Site with { Location = null } };
            nodes.Add(new ShapedNode(resolved, sources, context.Inputs, inference.Output!));
        }

        var outputNodes = model.Outputs.Count > 0 ? model.Outputs : EquatableArray.Of(previous);
        foreach (string name in outputNodes.Where(n => !values.ContainsKey(n)))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownName, model.Location,
                "[Output]", name, "a layer or input of the model", string.Join(", ", values.Keys)));
        if (diagnostics.Count > 0) return new ParseResult<ShapedModel>(null, diagnostics.ToEquatableArray());

        var shaped = Shaped(model, nodes, outputNodes, values);
        // Constructor symbols become parameters and properties: they must not clash with other members.
        foreach (string symbol in shaped.ConstructorSymbols.Where(s => values.ContainsKey(s) || ModelParser.IsReservedName(s)))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedShape, model.Location, symbol,
                $"the size symbol '{symbol}' becomes a constructor parameter of {model.Type.Name}, but it is already " +
                (values.ContainsKey(symbol) ? "the name of an input or layer" : "a C# keyword or a generated member") + "; rename it"));
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

    private static ShapedModel Shaped(ModelSpec model, List<ShapedNode> nodes, EquatableArray<string> outputNodes, Dictionary<string, Value?> values)
    {
        var outputs = outputNodes.Select(n => new TensorSpec(model.Outputs.Count > 0 ? n : "output", TensorSpec.Float32, values[n]!.Shape));
        var constructorSymbols = nodes.SelectMany(n => n.Layer.ConstructionDims).SelectMany(d => d.Symbols).Distinct();
        return new ShapedModel(model.Type, model.Inputs, nodes.ToEquatableArray(), outputs.ToEquatableArray(), outputNodes,
            constructorSymbols.ToEquatableArray());
    }
}
