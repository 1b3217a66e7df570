using System.Linq;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary><c>Flatten(StartDim = 1)</c>: merges dims from StartDim to the end, <c>[B, 64, 7, 7] → [B, 3136]</c>, <c>[B, C, T] → [B, C*T]</c>.</summary>
internal sealed record FlattenLayer(LayerSite Site, int StartDim) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("Flatten", Parse);

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors)
    {
        int start = args.Int("StartDim", 1);
        if (start < 1) errors.Add($"StartDim must be at least 1 (dim 0 is the batch) but is {start}");
        return errors.Any ? null : new FlattenLayer(site, start);
    }

    public override LayerInference Infer(InferContext context)
    {
        var input = context.Input;
        if (input.Rank <= StartDim)
            return context.RejectShape($"a tensor of rank > {StartDim}", "remove the Flatten or lower StartDim");
        return context.Ok(this, new Shape(input.Dims.Take(StartDim).Append(input.Product(StartDim)).ToEquatableArray()));
    }

    public override string TorchType => "Flatten";

    public override string TorchFactory() => StartDim == 1 ? $"{Torch.Nn}.Flatten()" : $"{Torch.Nn}.Flatten({Literal.Long(StartDim)})";

    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        if (StartDim == 1)
        {
            onnx.Node("Flatten", new[] { onnx.Input }, OnnxEmitContext.Int("axis", 1));
            return;
        }
        // ONNX Flatten always yields rank 2; keep the leading dims with Reshape's 0 ("copy") instead.
        var target = Enumerable.Repeat(0L, StartDim).Append(-1L);
        onnx.Node("Reshape", new[] { onnx.Input, onnx.LongsConstant("shape", target) });
    }
}
