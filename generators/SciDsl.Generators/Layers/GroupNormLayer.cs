using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// <c>GroupNorm(groups, Eps)</c> over <c>[B, C, spatial…]</c>: the channels (inferred) split into groups, each normalised
/// over its channels and positions, then a learnt per-channel scale and shift. The groups must divide the channels.
/// </summary>
internal sealed record GroupNormLayer(LayerSite Site, int Groups, double Eps, Dim? Channels = null, int InputRank = 0) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("GroupNorm", Parse);

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors)
    {
        int groups = errors.AtLeast("the number of groups", args.Int("groups", 0), 1);
        double eps = args.Double("Eps", 1e-5);
        if (!(eps > 0)) errors.Add($"Eps must be positive but is {Literal.Double(eps)}");
        return errors.Any ? null : new GroupNormLayer(site, groups, eps);
    }

    public override LayerInference Infer(InferContext context)
    {
        var input = context.Input;
        // TorchSharp's GroupNorm takes no [B, C] input.
        if (input.Rank < 3) return context.RejectShape("[B, channels, spatial…]", "normalise a feature map; for [B, features] use LayerNorm");
        var channels = input[1];
        // Symbolic channels split into groups when provably a multiple of them, e.g. 4*C for 4 groups.
        if (!channels.IsConstant && !channels.IsMultipleOf(Groups))
            return context.RejectShape($"a number of channels that {Groups} groups provably divide",
                $"declare the channel count as a number or a multiple of the groups (e.g. {Groups}*C), or use GroupNorm(1)");
        if (channels.IsConstant && channels.Constant % Groups != 0)
            return context.Fail(DiagnosticDescriptors.InvalidLayerArgument, Site.Display,
                $"{Groups} groups do not divide the {channels.Constant} channels of {input} from {context.Source}; " +
                $"use a group count that divides {channels.Constant} ({string.Join(", ", Divisors.Of(channels.Constant))})");
        return context.Ok(this with { Channels = channels, InputRank = input.Rank }, input);
    }

    public override string TorchType => "GroupNorm";

    public override IEnumerable<Dim> ConstructionDims => new[] { Channels! };

    public override string TorchFactory() =>
        $"{Torch.Nn}.GroupNorm({Literal.Long(Groups)}, {TorchSizes.Of(Channels!)}{(Eps != 1e-5 ? ", eps: " + Literal.Double(Eps) : "")})";

    /// <summary>
    /// As InstanceNormalization over <c>[B, groups, rest]</c> (opset 1; ONNX's GroupNormalization takes per-group
    /// scales before opset 21), then the per-channel affine on the restored shape.
    /// </summary>
    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        string grouped = onnx.Step("grouped", "Reshape", new[] { onnx.Input, onnx.LongsConstant("group_shape", new[] { 0L, Groups, -1L }) });
        string normalised = onnx.Step("normalised", "InstanceNormalization",
            new[] { grouped, GroupConstant(onnx, "unit_scale", 1), GroupConstant(onnx, "zero_shift", 0) },
            OnnxEmitContext.FloatAttribute("epsilon", Eps));
        string inputShape = onnx.Step("input_shape", "Shape", new[] { onnx.Input });
        string restored = onnx.Step("restored", "Reshape", new[] { normalised, inputShape });
        string scaled = onnx.Step("scaled", "Mul", new[] { restored, PerChannel(onnx, "weight") });
        onnx.Node("Add", new[] { scaled, PerChannel(onnx, "bias") });
    }

    private string GroupConstant(OnnxEmitContext onnx, string step, int value) =>
        onnx.FloatsConstant(step, $"[{string.Join(", ", Enumerable.Repeat(Literal.Float(value), Groups))}]", new long[] { Groups });

    /// <summary>A <c>[C]</c> parameter as <c>[C, 1, …]</c>, so it broadcasts over the positions after the channels.</summary>
    private string PerChannel(OnnxEmitContext onnx, string parameter) =>
        onnx.Step(parameter + "_per_channel", "Reshape",
            new[] { onnx.Parameter(parameter), onnx.LongsConstant("channel_shape", new[] { -1L }.Concat(Enumerable.Repeat(1L, InputRank - 2))) });
}
