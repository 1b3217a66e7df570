using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SciDsl.Generators.Check;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;

namespace SciDsl.Generators.Parse;

/// <summary>
/// What <c>[DomainAdaptation]</c> declares: a member name of the runtime's <c>Adaptation</c> enum, the feature layer, the
/// target data set's <c>global::</c> name and whether it loads through <c>IDataSource</c> (else <c>ISampleSource</c>).
/// </summary>
internal sealed record DomainAdaptationSpec(string Method, string FeatureLayer, string TargetType, bool TargetIsDataSource, double Weight, int DomainHidden);

/// <summary>
/// Reads an experiment's <c>[DomainAdaptation]</c> and checks it at the attribute's line against the model and the source
/// data: SD3040 (the feature layer is not a named layer of the model), SD3041 (no usable target <c>[Dataset]</c>), SD1005
/// (target samples that do not fit the model's input), SD3005 (a target class that cannot be created), SD3003 (a weight
/// or size out of range, or a loss other than cross-entropy).
/// </summary>
internal static class DomainAdaptationParser
{
    public const string Attribute = "SciDsl.DomainAdaptationAttribute";

    /// <param name="model">The checked model; null when it is broken (it reports its own errors).</param>
    /// <param name="sizes">The experiment's <c>Sizes</c>; null when malformed.</param>
    public static DomainAdaptationSpec Read(
        AttributeData attribute, string experiment, ShapedModel? model, IReadOnlyDictionary<string, long>? sizes, string loss, List<DiagnosticInfo> diagnostics)
    {
        var location = ModelParser.LocationOf(attribute);
        var arguments = AttributeArguments.From(attribute);
        string method = attribute.ConstructorArguments.Length == 1 ? AttributeArguments.EnumName(attribute.ConstructorArguments[0]) : "";
        string layer = arguments.String("FeatureLayer") ?? "";
        double weight = arguments.Double("Weight", 1.0);
        int hidden = arguments.Int("DomainHidden", 100);
        void OutOfRange(string setting, string range, string value, string example) =>
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TrainingSettingOutOfRange, location, experiment, $"[DomainAdaptation] {setting}", range, value, example));

        if (method is not ("Dann" or "Coral"))
            OutOfRange("Method", "Adaptation.Dann or Adaptation.Coral", method, "[DomainAdaptation(Adaptation.Dann, ...)]");
        // Finite, or the generated settings would hold a NaN or ∞ that has no C# literal.
        if (!(weight > 0 && weight <= double.MaxValue))
            OutOfRange("Weight", "a positive finite number", Literal.Double(weight), "[DomainAdaptation(Adaptation.Coral, Weight = 1.0, ...)]");
        if (hidden <= 0) OutOfRange("DomainHidden", "positive", Literal.Long(hidden), "[DomainAdaptation(Adaptation.Dann, DomainHidden = 100, ...)]");
        if (loss is not ("" or "CrossEntropy"))
            OutOfRange("[Supervised] loss", "Loss.CrossEntropy (domain adaptation trains a classifier on the source labels)", $"Loss.{loss}", "[Supervised(Loss.CrossEntropy)]");
        if (model is not null) CheckFeatureLayer(experiment, layer, model, location, diagnostics);

        var target = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Target").Value.Value as INamedTypeSymbol;
        bool isDataset = target?.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DatasetParser.DatasetAttribute) == true;
        var targetData = isDataset ? DatasetParser.Parse(target!) : null;
        void Unusable(string problem, string fix) =>
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DomainTargetUnusable, location, experiment, problem, fix));
        if (target is null)
            Unusable("declares no target-domain data", "add Target = typeof(a [Dataset] class of the unlabelled target samples)");
        else if (targetData is null)
            Unusable($"Target = typeof({target.Name}) is not a [Dataset] class",
                $"declare {target.Name} with [Dataset(\"x: ...\")] as an ISampleSource of the target samples, or name another class");
        else if (targetData is { Spec: { } spec, Diagnostics.Count: 0 }) // a broken dataset reports its own errors
        {
            if (!target.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DatasetClassUnusable, location, target.Name,
                    $"experiment {experiment} creates it with new {target.Name}(), but it has no public parameterless constructor; add one"));
            if (model is not null && sizes is not null) ExperimentChecks.SampleFitsInput(experiment, model, spec, sizes, location, diagnostics);
        }
        string targetType = target is null ? "" : target.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return new DomainAdaptationSpec(method, layer, targetType, targetData?.Spec?.IsDataSource ?? false, weight, hidden);
    }

    /// <summary>
    /// SD3040 unless <paramref name="layer"/> is a layer the model names itself (<c>Name = "…"</c>) and runs through
    /// <c>call</c>, whose forward hooks capture its output at run time.
    /// </summary>
    private static void CheckFeatureLayer(string experiment, string layer, ShapedModel model, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var named = model.Nodes.Where(n => n.Layer.Site.IsNamedByUser).ToList();
        var node = model.Nodes.FirstOrDefault(n => n.Name == layer);
        string example = $"[Linear(64), ReLU(Name = \"features\")] in {model.Type.Name} and FeatureLayer = \"features\"";
        string? problem = null, fix = null;
        if (node is null)
        {
            problem = layer.Length == 0 ? "is not set" : $"names no layer of model {model.Type.Name}";
            fix = named.Count == 0
                ? $"{model.Type.Name} names none of its layers; name the feature layer, e.g. {example}"
                : $"name one of its named layers, {ShapeChecker.KnownNames(layer, named.Select(n => n.Name))}";
        }
        else if (!node.Layer.Site.IsNamedByUser)
            (problem, fix) = ($"is {node.Layer.Site.Display}, whose name SciDsl generated, so its output is not captured",
                $"add Name = \"features\" to that layer in {model.Type.Name} and write FeatureLayer = \"features\"");
        else if (node.Layer.TorchForward("m", new[] { "x" }) != "m.call(x)")
            (problem, fix) = ($"is {node.Layer.Site.Display}, which is not a single module whose output can be captured",
                "name a plain layer after it instead, e.g. the activation that follows it");
        if (problem is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownFeatureLayer, location, experiment, layer, problem, fix!));
    }
}
