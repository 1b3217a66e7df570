using System.Linq;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// <c>Upsample(scale, Mode)</c>: <c>[B, C, spatial…] → [B, C, spatial·scale…]</c>, nearest (any spatial rank)
/// or bilinear (<c>[B, C, H, W]</c>, align_corners off).
/// </summary>
/// <param name="Mode">A member name of the runtime's <c>Interpolation</c> enum.</param>
/// <param name="SpatialRank">The number of dims scaled, known once the input shape is.</param>
internal sealed record UpsampleLayer(LayerSite Site, int Scale, string Mode, int SpatialRank = 0) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("Upsample", Parse);

    private const string Nearest = "Nearest";
    private const string Bilinear = "Bilinear";

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors)
    {
        int scale = errors.AtLeast("the scale", args.Int("scale", 0), 1);
        string mode = args.String("Mode") ?? Nearest;
        if (mode is not (Nearest or Bilinear))
            errors.Add($"Mode must be Interpolation.Nearest or Interpolation.Bilinear but is {mode}");
        return errors.Any ? null : new UpsampleLayer(site, scale, mode);
    }

    public override LayerInference Infer(InferContext context)
    {
        var input = context.Input;
        if (Mode == Bilinear && input.Rank != 4)
            return context.RejectShape("[B, channels, height, width] for Bilinear",
                "use Mode = Interpolation.Nearest, or reshape to a 2-D feature map");
        if (input.Rank is < 3 or > 5)
            return context.RejectShape("[B, channels, spatial…] with 1 to 3 spatial dims", "upsample a feature map, before any Flatten");
        var output = input;
        for (int i = 2; i < input.Rank; i++)
            output = output.With(i, input[i] * Scale);
        return context.Ok(this with { SpatialRank = input.Rank - 2 }, output);
    }

    public override string TorchType => "Upsample";

    public override string TorchFactory()
    {
        string scales = string.Join(", ", Enumerable.Repeat(Literal.Long(Scale), SpatialRank));
        return Mode == Bilinear
            ? $"{Torch.Nn}.Upsample(scale_factor: new double[] {{ {scales} }}, mode: {Torch.Root}.UpsampleMode.Bilinear, align_corners: false)"
            : $"{Torch.Nn}.Upsample(scale_factor: new double[] {{ {scales} }})";
    }

    // Resize with these coordinate modes computes PyTorch's source pixels: floor(x / scale) for nearest,
    // (x + 0.5) / scale − 0.5 (clamped) for bilinear without aligned corners.
    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        var factors = new[] { "1f", "1f" }.Concat(Enumerable.Repeat(Literal.Float(Scale), SpatialRank));
        string scales = onnx.FloatsConstant("scales", $"[{string.Join(", ", factors)}]", new long[] { SpatialRank + 2 });
        string noRegionOfInterest = Literal.String("");
        var inputs = new[] { onnx.Input, noRegionOfInterest, scales };
        if (Mode == Bilinear)
            onnx.Node("Resize", inputs,
                OnnxEmitContext.StringAttribute("mode", "linear"),
                OnnxEmitContext.StringAttribute("coordinate_transformation_mode", "half_pixel"));
        else
            onnx.Node("Resize", inputs,
                OnnxEmitContext.StringAttribute("mode", "nearest"),
                OnnxEmitContext.StringAttribute("coordinate_transformation_mode", "asymmetric"),
                OnnxEmitContext.StringAttribute("nearest_mode", "floor"));
    }
}
