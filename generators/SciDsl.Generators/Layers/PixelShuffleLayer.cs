using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// <c>PixelShuffle(r)</c>: <c>[B, C·r², H, W] → [B, C, H·r, W·r]</c>, each group of r² channels spread
/// over an r×r block of pixels (the sub-pixel convolution of super-resolution nets).
/// </summary>
internal sealed record PixelShuffleLayer(LayerSite Site, int UpscaleFactor) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("PixelShuffle",
        (site, args, errors) => errors.AtLeast("the upscale factor", args.Int("upscaleFactor", 0), 1) is var factor && errors.Any
            ? null
            : new PixelShuffleLayer(site, factor));

    public override LayerInference Infer(InferContext context)
    {
        var input = context.Input;
        if (input.Rank != 4) return context.RejectShape("[B, channels, height, width]", "shuffle a feature map's channels into its pixels");
        long block = (long)UpscaleFactor * UpscaleFactor;
        Dim channels = input[1];
        if (!channels.IsMultipleOf(block))
            return context.RejectShape($"channels divisible by {UpscaleFactor}² = {block}", channels.IsConstant
                ? $"{channels.Constant} channels do not split into blocks of {block}; give the previous layer {NextMultiple(channels.Constant, block)} output channels"
                : $"{channels} channels are not provably a multiple of {block}; declare them as one (e.g. {block}*C) or as a number");
        var output = input.With(1, channels.FloorDiv(block)).With(2, input[2] * UpscaleFactor).With(3, input[3] * UpscaleFactor);
        return context.Ok(this, output);
    }

    private static long NextMultiple(long value, long step) => (value / step + 1) * step;

    public override string TorchType => "PixelShuffle";

    public override string TorchFactory() => $"{Torch.Nn}.PixelShuffle({Literal.Long(UpscaleFactor)})";

    // PyTorch's channel order is DepthToSpace's CRD; the default DCR is TensorFlow's.
    public override void EmitOnnx(OnnxEmitContext onnx) =>
        onnx.Node("DepthToSpace", new[] { onnx.Input },
            OnnxEmitContext.Int("blocksize", UpscaleFactor), OnnxEmitContext.StringAttribute("mode", "CRD"));
}
