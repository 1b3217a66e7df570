using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// <c>AdaptiveAvgPool2d(size)</c>: <c>[B, C, H, W] → [B, C, size, size]</c>. Exported exactly only when
/// size is 1 or divides H and W (then it is a plain average pool), so other cases are refused at build time.
/// </summary>
internal sealed record AdaptiveAvgPool2dLayer(LayerSite Site, int Size, long Window = 0) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("AdaptiveAvgPool2d",
        (site, args, errors) => errors.AtLeast("the output size", args.Int("size", 0), 1) is var size && errors.Any
            ? null
            : new AdaptiveAvgPool2dLayer(site, size));

    public override LayerInference Infer(InferContext context)
    {
        var input = context.Input;
        if (input.Rank != 4) return context.RejectShape("[B, channels, height, width]", "pool a feature map");
        var output = input.With(2, Dim.Of(Size)).With(3, Dim.Of(Size));
        if (Size == 1) return context.Ok(this, output);
        if (!input[2].Equals(input[3]) || !input[2].IsConstant || input[2].Constant % Size != 0)
            return context.RejectShape($"a square map whose side is a multiple of {Size}",
                "use GlobalAvgPool, AdaptiveAvgPool2d(1), or a size that divides the map (other sizes have no exact ONNX form)");
        return context.Ok(this with { Window = input[2].Constant / Size }, output);
    }

    public override string TorchType => "AdaptiveAvgPool2d";

    public override string TorchFactory() => $"{Torch.Nn}.AdaptiveAvgPool2d({Literal.Long(Size)})";

    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        if (Size == 1)
        {
            onnx.Node("GlobalAveragePool", new[] { onnx.Input });
            return;
        }
        onnx.Node("AveragePool", new[] { onnx.Input },
            OnnxEmitContext.Ints("kernel_shape", new[] { Window, Window }),
            OnnxEmitContext.Ints("strides", new[] { Window, Window }));
    }
}
