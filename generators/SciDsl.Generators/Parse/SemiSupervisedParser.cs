using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Parse;

/// <summary>What <c>[SemiSupervised]</c> declares: a member name of the runtime's <c>SemiSupervisedMethod</c>, the unlabelled [Dataset] and the settings.</summary>
/// <param name="UnlabelledType">The unlabelled data set's <c>global::</c>-qualified name.</param>
internal sealed record SemiSupervisedSpec(
    string Method, string UnlabelledType, double Threshold, double UnlabelledWeight, int RampUpEpochs, int UnlabelledRatio, double EmaDecay);

/// <summary>
/// Reads an experiment's <c>[SemiSupervised]</c> and checks it at the attribute's line: SD3020 (no usable unlabelled data
/// set), SD3021 (unlabelled samples shaped unlike the labelled ones the model takes), SD3022 (no class targets or no
/// <c>[Supervised(Loss.CrossEntropy)]</c>), SD3003 (a setting out of range).
/// </summary>
internal static class SemiSupervisedParser
{
    public const string Attribute = "SciDsl.SemiSupervisedAttribute";

    public static SemiSupervisedSpec? Read(AttributeData attribute, string experiment, DatasetSpec? data, string? loss, List<DiagnosticInfo> diagnostics)
    {
        var location = ModelParser.LocationOf(attribute);
        void Report(DiagnosticDescriptor descriptor, params string[] arguments) =>
            diagnostics.Add(DiagnosticInfo.Create(descriptor, location, new[] { experiment }.Concat(arguments).ToArray()));

        var arguments = AttributeArguments.From(attribute);
        string method = attribute.ConstructorArguments.Length == 1 ? AttributeArguments.EnumName(attribute.ConstructorArguments[0]) : "PseudoLabel";
        var spec = new SemiSupervisedSpec(
            method, "",
            arguments.Double("Threshold", 0.95),
            arguments.Double("UnlabelledWeight", 1.0),
            arguments.Int("RampUpEpochs", 5),
            arguments.Int("UnlabelledRatio", 4),
            arguments.Double("EmaDecay", 0.99));
        void OutOfRange(string setting, string range, string value, string example) =>
            Report(DiagnosticDescriptors.TrainingSettingOutOfRange, $"[SemiSupervised] {setting}", range, value, $"[SemiSupervised(SemiSupervisedMethod.{method}, {example})]");
        if (!(spec.Threshold > 0 && spec.Threshold <= 1)) OutOfRange("Threshold", "in (0, 1]", Literal.Double(spec.Threshold), "Threshold = 0.95");
        if (!(spec.UnlabelledWeight >= 0 && spec.UnlabelledWeight <= double.MaxValue))
            OutOfRange("UnlabelledWeight", "a finite number >= 0", Literal.Double(spec.UnlabelledWeight), "UnlabelledWeight = 1.0");
        if (spec.RampUpEpochs < 0) OutOfRange("RampUpEpochs", ">= 0 (0 = full weight from the start)", Literal.Long(spec.RampUpEpochs), "RampUpEpochs = 5");
        if (spec.UnlabelledRatio <= 0) OutOfRange("UnlabelledRatio", "positive", Literal.Long(spec.UnlabelledRatio), "UnlabelledRatio = 4");
        if (!(spec.EmaDecay >= 0 && spec.EmaDecay < 1)) OutOfRange("EmaDecay", "in [0, 1)", Literal.Double(spec.EmaDecay), "EmaDecay = 0.99");

        if (loss is null)
            Report(DiagnosticDescriptors.SemiSupervisedNeedsClasses, "a labelled loss", "the experiment has no [Supervised]", "add [Supervised(Loss.CrossEntropy)]");
        else if (loss != "CrossEntropy")
            Report(DiagnosticDescriptors.SemiSupervisedNeedsClasses, "Loss.CrossEntropy", $"[Supervised] declares Loss.{loss}", "write [Supervised(Loss.CrossEntropy)]");
        else if (data is { TargetKind: not "Class" })
            Report(DiagnosticDescriptors.SemiSupervisedNeedsClasses, "class targets", $"dataset {data.Type.Name} declares {(data.TargetKind == "None" ? "no Target" : $"Target = \"{data.TargetText}\"")}",
                $"declare the labelled data set with Target = \"class: N\"");

        var unlabelled = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Unlabelled").Value.Value as INamedTypeSymbol;
        string example = $"Unlabelled = typeof({(data is null ? "Unlabelled" : data.Type.Name + "Unlabelled")})";
        string declaration = data is null ? "[Dataset(\"x: ...\")]" : $"[Dataset(\"{Declared(data.Sample)}\")]";
        if (unlabelled is null)
        {
            Report(DiagnosticDescriptors.SemiSupervisedWithoutUnlabelledData, "it names no unlabelled data set",
                $"add {example}, a {declaration} class without Target implementing ISampleSource");
            return null;
        }
        if (!unlabelled.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DatasetParser.DatasetAttribute))
        {
            Report(DiagnosticDescriptors.SemiSupervisedWithoutUnlabelledData, $"Unlabelled = typeof({unlabelled.Name}) is not a [Dataset] class",
                $"declare {unlabelled.Name} with {declaration} (no Target) implementing ISampleSource");
            return null;
        }
        // A broken data set reports its own errors where it is declared.
        if (DatasetParser.Parse(unlabelled) is not { Spec: { } unlabelledData, Diagnostics.Count: 0 }) return null;
        if (unlabelledData.TargetKind != "None")
            Report(DiagnosticDescriptors.SemiSupervisedWithoutUnlabelledData, $"Unlabelled = typeof({unlabelled.Name}) declares Target = \"{unlabelledData.TargetText}\"",
                $"remove the Target from {unlabelled.Name}'s [Dataset] and load its samples without targets");
        else if (!unlabelled.AllInterfaces.Any(i => i.ToDisplayString() == "SciDsl.ISampleSource"))
            Report(DiagnosticDescriptors.SemiSupervisedWithoutUnlabelledData, $"Unlabelled = typeof({unlabelled.Name}) does not implement ISampleSource, which loads unlabelled samples",
                $"declare it as {unlabelled.Name} : ISampleSource, returning new SampleSet(new[] {{ (\"{unlabelledData.Sample.Name}\", features) }})");
        else if (!unlabelled.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public))
            Report(DiagnosticDescriptors.SemiSupervisedWithoutUnlabelledData, $"Unlabelled = typeof({unlabelled.Name}) has no public parameterless constructor, which Run creates it with",
                "add one");
        else if (data is not null && (unlabelledData.Inputs.Count != 1 || !unlabelledData.Sample.Shape.Equals(data.Sample.Shape) || unlabelledData.Sample.ElementType != data.Sample.ElementType))
            Report(DiagnosticDescriptors.UnlabelledSamplesDoNotFit, unlabelled.Name, string.Join("; ", unlabelledData.Inputs.Select(i => i.ToString())), data.Type.Name, data.Sample.ToString(),
                $"declare {unlabelled.Name} as {declaration}");
        else
            return spec with { UnlabelledType = unlabelled.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) };
        return null;
    }

    /// <summary>A sample as a <c>[Dataset]</c> declares it, e.g. <c>x: 1,8,8</c> or <c>tokens: int64[16]</c>.</summary>
    private static string Declared(TensorSpec sample)
    {
        string dims = string.Join(",", sample.Shape.Dims);
        return $"{sample.Name}: {(sample.ElementType == TensorSpec.Float32 ? dims : $"{sample.ElementType}[{dims}]")}";
    }
}
