using System.Linq;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// Adaptive average pooling of every spatial dim of <c>[B, C, spatial…]</c> to <c>Size</c>, over PyTorch's bins
/// ⌊i·in/size⌋ … ⌈(i+1)·in/size⌉. Size 1 is a global average (any input). Other sizes need fixed spatial
/// sizes, known when exporting: equal bins become an AveragePool, unequal ones a MatMul with a constant
/// averaging matrix per dim, so every size exports exactly.
/// </summary>
/// <param name="SpatialSizes">The fixed spatial input sizes, filled in by the shape rule when Size &gt; 1.</param>
internal abstract record AdaptiveAvgPoolLayer(LayerSite Site, int Size, EquatableArray<long> SpatialSizes) : LayerSpec(Site)
{
    protected abstract int SpatialRank { get; }

    protected static LayerSpec? Parse(AttributeArguments args, LayerArgumentErrors errors, System.Func<int, LayerSpec> create) =>
        errors.AtLeast("the output size", args.Int("size", 0), 1) is var size && errors.Any ? null : create(size);

    public override LayerInference Infer(InferContext context)
    {
        var input = context.Input;
        if (input.Rank != SpatialRank + 2)
            return context.RejectShape(ConvArithmetic.ChannelsFirstShape(SpatialRank), "pool a feature map, before any Flatten");
        var spatial = Enumerable.Range(2, SpatialRank).Select(d => input[d]).ToList();
        var output = Enumerable.Range(2, SpatialRank).Aggregate(input, (shape, d) => shape.With(d, Dim.Of(Size)));
        if (Size == 1) return context.Ok(this, output);
        if (spatial.Any(d => !d.IsConstant))
            return context.RejectShape(
                $"fixed {Sizes} to pool to {Size} (the bins, and so the exact ONNX form, depend on them)",
                $"declare fixed {Sizes} in [Model], or pool to 1 with {Site.Display.Split('(')[0]}(1) or GlobalAvgPool");
        return context.Ok(this with { SpatialSizes = spatial.Select(d => d.Constant).ToEquatableArray() }, output);
    }

    private string Sizes => SpatialRank == 1 ? "length" : "height and width";

    public override string TorchFactory() => $"nn.{TorchType}({Size})";

    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        if (Size == 1)
        {
            onnx.Node("GlobalAveragePool", new[] { onnx.Input });
        }
        else if (SpatialSizes.All(length => length % Size == 0))
        {
            var window = SpatialSizes.Select(length => length / Size).ToArray();
            onnx.Node("AveragePool", new[] { onnx.Input }, OnnxEmitContext.Ints("kernel_shape", window), OnnxEmitContext.Ints("strides", window));
        }
        else if (SpatialRank == 1)
        {
            onnx.Node("MatMul", new[] { onnx.Input, AveragingMatrix(onnx, "bins", SpatialSizes[0], binsFirst: false) });
        }
        else
        {
            // [B, C, H, W] · [W, size] pools the columns; [size, H] · that pools the rows.
            string columns = onnx.Step("columns", "MatMul", new[] { onnx.Input, AveragingMatrix(onnx, "column_bins", SpatialSizes[1], binsFirst: false) });
            onnx.Node("MatMul", new[] { AveragingMatrix(onnx, "row_bins", SpatialSizes[0], binsFirst: true), columns });
        }
    }

    private string AveragingMatrix(OnnxEmitContext onnx, string step, long length, bool binsFirst) =>
        onnx.FloatsConstant(step,
            $"global::SciDsl.Onnx.AdaptivePooling.Weights({Literal.Long(length)}, {Literal.Long(Size)}{(binsFirst ? ", binsFirst: true" : "")})",
            binsFirst ? new[] { Size, length } : new[] { length, Size });
}
