using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SciDsl.Generators.Check;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;

namespace SciDsl.Generators.Parse;

/// <summary>
/// What <c>[TransferLearning]</c> declares: where the weights come from (<paramref name="SourceKind"/> <c>Checkpoint</c>,
/// <c>PyTorch</c> or <c>Experiment</c>, with a path or the experiment's full name), renames, frozen and replaced layers, rates.
/// </summary>
internal sealed record TransferSpec(
    string SourceKind,
    string Source,
    EquatableArray<NamePair> NameMap,
    EquatableArray<string> Freeze,
    EquatableArray<string> ReplaceHead,
    double PretrainedRate,
    EquatableArray<LayerRate> LayerRates);

/// <summary>A <c>NameMap</c> entry: the source's name or prefix and the model's.</summary>
internal sealed record NamePair(string Source, string Model);

/// <summary>A <c>LayerRates</c> entry: a layer and its learning-rate multiplier.</summary>
internal sealed record LayerRate(string Layer, double Rate);

/// <summary>
/// Reads an experiment's <c>[TransferLearning]</c> and checks it at the attribute's line: SD3030 (no or several weights
/// sources, a <c>From</c> that is no experiment, no <c>[Supervised]</c>), SD3031 (the source experiment's model does not
/// fit), SD2002 (a frozen, replaced or rated layer the model lacks), SD3003 (a malformed entry or a rate that cannot work).
/// </summary>
internal static class TransferLearningParser
{
    public const string AttributeName = "SciDsl.TransferLearningAttribute";

    public static TransferSpec Read(AttributeData attribute, INamedTypeSymbol type, ShapedModel? model, bool supervised,
        List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
    {
        var location = ModelParser.LocationOf(attribute);
        void Report(DiagnosticDescriptor descriptor, params string[] arguments) =>
            diagnostics.Add(DiagnosticInfo.Create(descriptor, location, new[] { type.Name }.Concat(arguments).ToArray()));
        void OutOfRange(string setting, string range, string value, string example) =>
            Report(DiagnosticDescriptors.TrainingSettingOutOfRange, $"[TransferLearning] {setting}", range, value, example);

        var arguments = AttributeArguments.From(attribute);
        var from = attribute.NamedArguments.FirstOrDefault(a => a.Key == "From").Value.Value as INamedTypeSymbol;
        var sources = new List<(string Kind, string Source)>();
        if (arguments.String("Checkpoint") is { Length: > 0 } checkpoint) sources.Add(("Checkpoint", checkpoint));
        if (arguments.String("PyTorch") is { Length: > 0 } pyTorch) sources.Add(("PyTorch", pyTorch));
        if (from is not null) sources.Add(("Experiment", from.ToDisplayString()));
        if (sources.Count == 0)
            Report(DiagnosticDescriptors.TransferIncomplete, "names no weights source",
                "add Checkpoint = \"pretrained.ckpt\", PyTorch = \"model.pt\" (or .safetensors) or From = typeof(PretrainExperiment)");
        else if (sources.Count > 1)
            Report(DiagnosticDescriptors.TransferIncomplete, $"names {sources.Count} weights sources ({string.Join(", ", sources.Select(s => s.Kind == "Experiment" ? "From" : s.Kind))})",
                "keep exactly one");
        if (!supervised)
            Report(DiagnosticDescriptors.TransferIncomplete, "fine-tunes with a supervised loss, but the experiment has no [Supervised]",
                "add [Supervised(Loss.CrossEntropy)] (or the loss that fits the targets)");

        var freeze = Strings(attribute, "Freeze");
        var replaceHead = (arguments.String("ReplaceHead") ?? "").Split(',').Select(n => n.Trim()).Where(n => n.Length > 0).ToList();
        var nameMap = new List<NamePair>();
        foreach (string entry in Strings(attribute, "NameMap"))
        {
            var (source, target, ok) = Pair(entry);
            if (ok) nameMap.Add(new NamePair(source, target));
            else OutOfRange("NameMap entry", "\"source=model\" (names or dotted prefixes)", Literal.String(entry), "NameMap = new[] { \"features.0=conv1\" }");
        }
        var layerRates = new List<LayerRate>();
        foreach (string entry in Strings(attribute, "LayerRates"))
        {
            var (layer, text, ok) = Pair(entry);
            if (ok && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) && rate > 0 && rate <= double.MaxValue)
                layerRates.Add(new LayerRate(layer, rate));
            else OutOfRange("LayerRates entry", "\"layer=multiplier\" with a finite multiplier > 0", Literal.String(entry), "LayerRates = new[] { \"conv1=0.1\" }");
        }
        double pretrainedRate = arguments.Double("LearningRateMultiplier", 1);
        if (!(pretrainedRate > 0 && pretrainedRate <= double.MaxValue))
            OutOfRange("LearningRateMultiplier", "a finite multiplier > 0 (freeze a layer instead of giving it 0)", Literal.Double(pretrainedRate), "[TransferLearning(..., LearningRateMultiplier = 0.1)]");
        if (freeze.FirstOrDefault(replaceHead.Contains) is { } both)
            OutOfRange("Freeze", "free of the replaced head (a replaced layer must train)", $"{Literal.String(both)}, also in ReplaceHead", $"ReplaceHead = \"{both}\" without it in Freeze");
        if (layerRates.FirstOrDefault(rate => freeze.Contains(rate.Layer)) is { } frozenRate)
            OutOfRange("LayerRates entry", "a layer that trains (not one in Freeze)", $"frozen layer {Literal.String(frozenRate.Layer)}", $"remove \"{frozenRate.Layer}\" from Freeze or from LayerRates");

        if (model is not null)
        {
            var layers = model.Nodes.Select(n => n.Name).ToList();
            void Exists(string setting, string layer)
            {
                if (!layers.Contains(layer))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownName, location, $"[TransferLearning] {setting} of experiment {type.Name}",
                        layer, $"a layer of model {model.Type.Name}", ShapeChecker.KnownNames(layer, layers)));
            }
            foreach (string layer in freeze) Exists("Freeze", layer);
            foreach (string layer in replaceHead) Exists("ReplaceHead", layer);
            foreach (var rate in layerRates) Exists("LayerRates", rate.Layer);
        }
        if (from is not null)
            CheckSourceExperiment(type, from, model, replaceHead, location, diagnostics, cancellation);

        var (kind, path) = sources.FirstOrDefault();
        return new TransferSpec(kind ?? "", path ?? "", nameMap.ToEquatableArray(), freeze.ToEquatableArray(), replaceHead.ToEquatableArray(),
            pretrainedRate, layerRates.ToEquatableArray());
    }

    /// <summary>
    /// SD3030 when <c>From</c> is no other experiment; SD3031 when its model's layers (by name and the module each
    /// constructs) differ from this model's outside the replaced head, which is what decides whether its weights load.
    /// </summary>
    private static void CheckSourceExperiment(INamedTypeSymbol type, INamedTypeSymbol from, ShapedModel? model, List<string> replaceHead,
        LocationInfo? location, List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
    {
        var experiment = from.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ExperimentParser.ExperimentAttribute);
        if (experiment is null || SymbolEqualityComparer.Default.Equals(from, type))
        {
            string problem = experiment is null ? $"From = typeof({from.Name}) names no [Experiment] class" : "From names the experiment itself";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TransferIncomplete, location, type.Name, problem,
                "name the experiment that trains the weights, or load a file with Checkpoint = \"...\" or PyTorch = \"...\""));
            return;
        }
        if (model is null || experiment.ConstructorArguments.ElementAtOrDefault(0).Value is not INamedTypeSymbol sourceModelType) return;
        if (sourceModelType.ToDisplayString() == model.Type.FullName) return;
        // A source model with errors reports them where it is declared.
        if (ModelParser.Parse(sourceModelType, cancellation) is not { Spec: { } sourceSpec, Diagnostics.Count: 0 }) return;
        if (ShapeChecker.Check(sourceSpec).Spec is not { } source) return;

        // Layers are compared by the TorchSharp module they construct (sizes inferred), which fixes their weights' shapes.
        bool Compared(ShapedNode node) => node.Layer.TorchType is not null && !replaceHead.Contains(node.Name);
        var mismatches = new List<string>();
        var sourceNodes = source.Nodes.Where(Compared).ToDictionary(n => n.Name);
        var targetNodes = model.Nodes.Where(Compared).ToList();
        foreach (var node in targetNodes)
        {
            if (!sourceNodes.TryGetValue(node.Name, out var other))
                mismatches.Add($"{source.Type.Name} has no layer '{node.Name}'");
            else if (Construction(other) != Construction(node))
                mismatches.Add($"'{node.Name}' is {Construction(other)} there but {Construction(node)} here");
        }
        var targetNames = new HashSet<string>(targetNodes.Select(n => n.Name));
        foreach (var name in sourceNodes.Keys.Where(name => !targetNames.Contains(name)))
            mismatches.Add($"{model.Type.Name} has no layer '{name}'");
        if (mismatches.Count == 0) return;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TransferSourceDoesNotFit, location, type.Name, from.Name, source.Type.Name, model.Type.Name,
            string.Join("; ", mismatches), "list the differing layers in ReplaceHead, or start from an experiment that trains the same model"));
    }

    private static string Construction(ShapedNode node) => node.Layer.TorchFactory().Replace(Torch.Nn + ".", "");

    private static List<string> Strings(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value is { Kind: TypedConstantKind.Array, IsNull: false } array
            ? array.Values.Select(v => v.Value as string ?? "").ToList()
            : new List<string>();

    private static (string Left, string Right, bool Ok) Pair(string entry)
    {
        int equals = entry.IndexOf('=');
        if (equals <= 0) return ("", "", false);
        string left = entry.Substring(0, equals).Trim(), right = entry.Substring(equals + 1).Trim();
        return (left, right, left.Length > 0 && right.Length > 0);
    }
}
