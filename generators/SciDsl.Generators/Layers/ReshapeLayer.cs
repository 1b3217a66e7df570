using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// <c>Reshape("B,64,7,7")</c>: the first dim is the batch and stays as it is; the rest must hold
/// provably as many elements as the input's (SD1004). Symbols other than the batch become
/// constructor parameters.
/// </summary>
internal sealed record ReshapeLayer(LayerSite Site, Shape Target) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("Reshape", Parse);

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors)
    {
        string text = args.String("shape") ?? "";
        var target = SignatureParser.ParseDims(text, out string? why);
        if (target is null)
        {
            errors.Malformed("the target shape", text, why);
            return null;
        }
        if (target.Rank < 2) errors.Add($"the target \"{text}\" needs the batch dim and at least one more");
        foreach (var dim in target.Dims.Skip(1))
            if (dim.IsProvablyNonPositive) errors.Add($"the target \"{text}\" has a non-positive size {dim}");
        return errors.Any ? null : new ReshapeLayer(site, target);
    }

    public override LayerInference Infer(InferContext context)
    {
        var input = context.Input;
        var resolved = this with { Target = Target.With(0, input[0]) };
        var inputElements = input.Product(1);
        var targetElements = resolved.Target.Product(1);
        if (!inputElements.Equals(targetElements))
            return context.Fail(DiagnosticDescriptors.ExplicitSizeContradicts, Site.Display,
                $"{targetElements} elements per sample", $"{input} ({inputElements} elements)", context.Source,
                "make the target's sizes multiply to the input's");
        return context.Ok(resolved, resolved.Target);
    }

    public override string? TorchType => null;

    public override IEnumerable<Dim> ConstructionDims => Target.Dims.Skip(1);

    /// <summary>The target only shapes the output; there are no parameters to size.</summary>
    public override bool ConstructionDimsSizeParameters => false;

    public override string TorchForward(string module, IReadOnlyList<string> inputs) =>
        $"{inputs[0]}.reshape({inputs[0]}.shape[0], {string.Join(", ", Target.Dims.Skip(1).Select(TorchSizes.Of))})";

    public override void EmitOnnx(OnnxEmitContext onnx) =>
        // 0 copies the input's batch size, so the exported model keeps a dynamic batch.
        onnx.Node("Reshape", new[] { onnx.Input, onnx.LongsConstant("shape", Target.Dims.Skip(1).Select(TorchSizes.Of).Prepend("0")) });
}
