using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Parse;

/// <summary>
/// Reads an experiment's <c>[Augment]</c> and <c>[Mixup]</c> and checks them against its data and loss at the attribute's
/// line: SD3003 (a value out of range, or an augmentation the samples' shape cannot take), SD1006 (mixing without class
/// targets), SD2002/SD2003 (the user method is missing or cannot be called on a batch).
/// </summary>
internal static class AugmentationParser
{
    private const string TensorType = "global::TorchSharp.torch.Tensor";
    private const string GeneratorType = "global::TorchSharp.torch.Generator";
    private static readonly string[] Probabilities = { "FlipHorizontal", "FlipVertical", "MaskPositions", "ReverseComplement" };
    private static readonly string[] ImageSettings = { "FlipHorizontal", "FlipVertical", "CropPadding", "RotationDegrees", "Brightness", "Contrast" };
    private static readonly string[] SequenceSettings = { "Shift", "MaskPositions" };

    public static AugmentSpec? ReadAugment(AttributeData attribute, INamedTypeSymbol type, DatasetSpec? data, List<DiagnosticInfo> diagnostics)
    {
        var location = ModelParser.LocationOf(attribute);
        void OutOfRange(string setting, string range, string value, string example) =>
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TrainingSettingOutOfRange, location, type.Name, $"[Augment] {setting}", range, value, example));

        var settings = new List<AugmentSetting>();
        string? method = null;
        foreach (var argument in attribute.NamedArguments)
        {
            string name = argument.Key;
            var value = argument.Value;
            if (name == "Method") { method = value.Value as string; continue; }
            if (value.Kind == TypedConstantKind.Enum)
            {
                settings.Add(new AugmentSetting(name, $"global::{value.Type!.ToDisplayString()}.{AttributeArguments.EnumName(value)}"));
                continue;
            }
            double number = value.Value switch { int i => i, double d => d, _ => double.NaN };
            string text = value.Value is int whole ? Literal.Long(whole) : Literal.Double(number);
            settings.Add(new AugmentSetting(name, text));
            bool isProbability = Probabilities.Contains(name);
            if (isProbability ? !(number >= 0 && number <= 1) : !(number >= 0 && number <= double.MaxValue))
            {
                OutOfRange(name, isProbability ? "a probability in [0, 1] (0 = off)" : "a finite number >= 0 (0 = off)", text, $"[Augment({name} = {(isProbability ? "0.5" : "2")})]");
                continue;
            }
            if (number == 0 || data is null) continue;
            var sample = data.Sample.Shape;
            if (ImageSettings.Contains(name) && sample.Rank != 3)
                OutOfRange(name, $"0 (off) for dataset {data.Type.Name}, whose samples {sample} are not images [C,H,W]", text,
                    "[Augment(Noise = 0.05)], which fits any sample, or declare image samples \"x: C,H,W\"");
            else if (name == "ReverseComplement" && (sample.Rank != 2 || !sample[0].Equals(Dim.Of(4))))
                OutOfRange(name, $"0 (off) for dataset {data.Type.Name}, whose samples {sample} are not one-hot DNA [4,L] (channels A,C,G,T)", text,
                    "[Augment(Shift = 3)], or declare samples \"x: 4,L\"");
            else if (SequenceSettings.Contains(name) && sample.Rank != 2)
                OutOfRange(name, $"0 (off) for dataset {data.Type.Name}, whose samples {sample} are not sequences [C,L] or [L,C]", text,
                    "[Augment(Noise = 0.05)], which fits any sample");
        }

        bool takesGenerator = false;
        if (method is not null)
        {
            string wanted = $"static Tensor {method}(Tensor batch, torch.Generator generator) or static Tensor {method}(Tensor batch)";
            var candidates = ModelMethod.Of(type).Where(m => m.Name == method).ToList();
            var callable = candidates.FirstOrDefault(m => m.IsStatic && m.TypeParameters == 0 && m.ReturnType == TensorType &&
                (m.ParameterTypes.SequenceEqual(new[] { TensorType }) || m.ParameterTypes.SequenceEqual(new[] { TensorType, GeneratorType })));
            if (candidates.Count == 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownName, location, $"[Augment] of experiment {type.Name}", method,
                    $"a method of {type.Name}", $"declare {wanted} in {type.Name} and write Method = nameof({(method.Length > 0 ? method : "Method")})"));
            else if (callable is null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerArgument, location, $"[Augment] of experiment {type.Name}",
                    $"Method {method} must be declared as {wanted} (no type parameters) but is {string.Join(" / ", candidates.Select(c => c.Display))}"));
            else takesGenerator = callable.ParameterTypes.Count == 2;
        }
        return new AugmentSpec(settings.ToEquatableArray(), method, takesGenerator);
    }

    public static MixSpec ReadMixup(AttributeData attribute, string typeName, DatasetSpec? data, string loss, bool classWeights, List<DiagnosticInfo> diagnostics)
    {
        var location = ModelParser.LocationOf(attribute);
        string kind = attribute.ConstructorArguments.Length > 0 ? AttributeArguments.EnumName(attribute.ConstructorArguments[0]) : "Mixup";
        double alpha = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Alpha").Value.Value is double declared ? declared : 0.2;
        void OutOfRange(string setting, string range, string value, string example) =>
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TrainingSettingOutOfRange, location, typeName, setting, range, value, example));

        if (!(alpha > 0 && alpha <= double.MaxValue))
            OutOfRange("[Mixup] Alpha", "a positive finite number", Literal.Double(alpha), $"[Mixup(MixKind.{kind}, Alpha = 0.2)]");
        if (loss != "CrossEntropy" || data is { TargetKind: not "Class" })
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LossDoesNotFitOutput, location, typeName,
                $"[Mixup] mixes class targets, so it needs [Supervised(Loss.CrossEntropy)] and a \"class: N\" target",
                data is null ? $"the loss is Loss.{loss}" : $"the loss is Loss.{loss} and dataset {data.Type.Name} declares {(data.TargetKind == "None" ? "no Target" : $"Target = \"{data.TargetText}\"")}",
                "remove [Mixup], or use it on a classification experiment"));
        else if (classWeights)
            OutOfRange("[Supervised] ClassWeights", "absent with [Mixup], which trains on soft targets that class weights do not apply to", "set", "[Supervised(Loss.CrossEntropy)] without ClassWeights");
        if (kind == "CutMix" && data is not null && data.Sample.Shape.Rank != 3)
            OutOfRange("[Mixup] kind", $"MixKind.Mixup for dataset {data.Type.Name}, whose samples {data.Sample.Shape} are not images [C,H,W] (CutMix pastes image boxes)",
                "MixKind.CutMix", "[Mixup(MixKind.Mixup)]");
        return new MixSpec(kind, alpha);
    }
}
