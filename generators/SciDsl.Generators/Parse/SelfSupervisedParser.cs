using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SciDsl.Generators.Check;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Parse;

/// <summary>
/// What <c>[SelfSupervised]</c> declares, for <c>SelfSupervisedSettings</c>.
/// </summary>
/// <param name="Method">A member name of the runtime's <c>SelfSupervisedMethod</c>.</param>
/// <param name="LabelledInput">The data set's input name when it loads through <c>IDataSource</c> (its targets are dropped); null when it is an <c>ISampleSource</c>.</param>
internal sealed record SelfSupervisedSpec(string Method, double Temperature, double NoiseLevel, double MaskFraction, int MaskToken, string? LabelledInput);

/// <summary>
/// Reads an experiment's <c>[SelfSupervised]</c> and checks at its line that the model has what the method needs:
/// SD3060 (a part not named, contrastive without <c>[Augment]</c>), SD3061 (a named layer that does not exist),
/// SD3062 (the model does not return representation and head), SD3063 (a reconstruction of another shape than the
/// input), SD3064 (masked prediction on what is not a token sequence), SD3003 (a setting out of range, or Normalize for token ids).
/// </summary>
internal static class SelfSupervisedParser
{
    public const string Attribute = "SciDsl.SelfSupervisedAttribute";

    public static SelfSupervisedSpec Read(
        AttributeData attribute, string experiment, ShapedModel? model, DatasetSpec? data, ExperimentSpec spec, List<DiagnosticInfo> diagnostics)
    {
        var location = ModelParser.LocationOf(attribute);
        void Report(DiagnosticDescriptor descriptor, params string[] arguments) =>
            diagnostics.Add(DiagnosticInfo.Create(descriptor, location, new[] { experiment }.Concat(arguments).ToArray()));

        string method = attribute.ConstructorArguments.Length > 0 ? AttributeArguments.EnumName(attribute.ConstructorArguments[0]) : "Contrastive";
        var arguments = AttributeArguments.From(attribute);
        var read = new SelfSupervisedSpec(
            method,
            arguments.Double("Temperature", 0.5),
            arguments.Double("NoiseLevel", 0.3),
            arguments.Double("MaskFraction", 0.15),
            arguments.Int("MaskToken", 0),
            data is { IsDataSource: true } ? data.Inputs[0].Name : null);

        void OutOfRange(string setting, string range, double value, string example) =>
            Report(DiagnosticDescriptors.TrainingSettingOutOfRange, $"[SelfSupervised] {setting}", range, Literal.Double(value), example);
        if (!(read.Temperature > 0 && read.Temperature <= 10))
            OutOfRange("Temperature", "in (0, 10]", read.Temperature, "Temperature = 0.5");
        if (!(read.NoiseLevel > 0 && read.NoiseLevel <= 10))
            OutOfRange("NoiseLevel", "in (0, 10]", read.NoiseLevel, "NoiseLevel = 0.3");
        if (!(read.MaskFraction > 0 && read.MaskFraction < 1))
            OutOfRange("MaskFraction", "in (0, 1)", read.MaskFraction, "MaskFraction = 0.15");
        if (read.MaskToken < 0)
            Report(DiagnosticDescriptors.TrainingSettingOutOfRange, "[SelfSupervised] MaskToken", ">= 0", Literal.Long(read.MaskToken), "MaskToken = 0");
        // The objective's loss on held-out samples is the only validation metric.
        if (spec.Extras.EarlyStopping != "val_loss")
            Report(DiagnosticDescriptors.TrainingSettingOutOfRange, "[Train] EarlyStopping", "\"val_loss\" for a self-supervised experiment (its objective on held-out samples)",
                Literal.String(spec.Extras.EarlyStopping), "[Train(EarlyStopping = \"val_loss\")]");
        if (method == "Masked" && spec.Extras.Normalize)
            Report(DiagnosticDescriptors.TrainingSettingOutOfRange, "[Train] Normalize", "false for SelfSupervisedMethod.Masked (int64 token ids have no scale to standardise)",
                "true", "[Train] without Normalize");

        var (headName, headExample) = method switch
        {
            "Contrastive" => ("ProjectionHead", "ProjectionHead = \"proj\" naming the projection head's last layer (e.g. [Linear(64, Name = \"proj\")] after the encoder)"),
            "Masked" => ("Predictor", "Predictor = \"logits\" naming the layer that gives per-position token logits [B, T, vocabulary]"),
            _ => ("Decoder", "Decoder = \"reconstruction\" naming the layer that reconstructs the input"),
        };
        string? encoder = arguments.String("Encoder");
        string? head = arguments.String(headName);
        if (encoder is null)
            Report(DiagnosticDescriptors.SelfSupervisedPartMissing, method, "the layer whose output is the learned representation",
                "write Encoder = \"features\" naming it (e.g. [ReLU(Name = \"features\")])");
        if (head is null)
            Report(DiagnosticDescriptors.SelfSupervisedPartMissing, method, $"a {Describe(headName)}", $"write {headExample}");
        if (method == "Contrastive" && spec.Augment is null)
            Report(DiagnosticDescriptors.SelfSupervisedPartMissing, method, "two different augmented views of each sample, but the experiment has no [Augment]",
                "add e.g. [Augment(CropPadding = 1, Noise = 0.1)] to the experiment");
        if (model is null) return read;

        var named = model.Nodes.Where(n => n.Layer.Site.IsNamedByUser).ToList();
        ShapedNode? Resolve(string setting, string? name)
        {
            if (name is null) return null;
            var node = named.FirstOrDefault(n => n.Name == name);
            if (node is null)
                Report(DiagnosticDescriptors.SelfSupervisedUnknownLayer, setting, name, model.Type.Name,
                    named.Count == 0 ? "name its layers with Name = \"...\"" : ShapeChecker.KnownNames(name, named.Select(n => n.Name)));
            return node;
        }
        var encoderNode = Resolve("Encoder", encoder);
        var headNode = Resolve(headName, head);
        if (encoderNode is null || headNode is null) return read;

        if (!model.OutputNodes.SequenceEqual(new[] { encoder!, head! }))
            Report(DiagnosticDescriptors.SelfSupervisedOutputs, model.Type.Name, string.Join(", ", model.OutputNodes),
                $"{encoder}, {head}", $"\"{encoder}\", \"{head}\"");
        var input = model.Inputs[0];
        if (method is "Autoencoder" or "Denoising" && !headNode.Output.Equals(input.Shape))
            Report(DiagnosticDescriptors.ReconstructionShape, head!, model.Type.Name, headNode.Output.ToString(), input.Name, input.Shape.ToString(),
                $"make the decoder end in the input's shape {input.Shape} (e.g. a last [Conv2d(channels, Kernel = 3, Padding = 1)] or [Reshape])");
        if (method == "Masked")
        {
            if (input.ElementType != "int64" || input.Shape.Rank != 2)
                Report(DiagnosticDescriptors.MaskedNeedsSequences, $"model {model.Type.Name} takes {input.Name}: {input.ElementType}{input.Shape}, not int64 [B, T] token ids",
                    "declare the input \"tokens: int64[B,T]\" (with an [Embedding]), or use SelfSupervisedMethod.Denoising or Contrastive for other samples");
            else if (headNode.Output.Rank != 3 || !headNode.Output[1].Equals(input.Shape[1]))
                Report(DiagnosticDescriptors.MaskedNeedsSequences, $"Predictor \"{head}\" outputs {headNode.Output}, not token logits [B, {input.Shape[1]}, vocabulary]",
                    "end the predictor with a [Linear(vocabulary)] applied per position of [B, T, C]");
        }
        return read;
    }

    private static string Describe(string head) => head switch
    {
        "ProjectionHead" => "projection head, whose output NT-Xent compares",
        "Predictor" => "predictor of the masked tokens",
        _ => "decoder, which reconstructs the input",
    };
}
