using System.Linq;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// Adaptive average pooling of every spatial dim of <c>[B, C, spatial…]</c> to <c>Size</c>, over PyTorch's bins
/// ⌊i·in/size⌋ … ⌈(i+1)·in/size⌉, exported exactly for every size: size 1 as a global average, equal bins of
/// fixed sizes as an AveragePool, and otherwise a MatMul per dim with an averaging matrix, a constant for
/// a fixed size and computed from the input's shape for a symbolic one.
/// </summary>
/// <param name="SpatialSizes">The spatial input sizes, filled in by the shape rule.</param>
internal abstract record AdaptiveAvgPoolLayer(LayerSite Site, int Size, EquatableArray<Dim> SpatialSizes) : LayerSpec(Site)
{
    protected abstract int SpatialRank { get; }

    protected static LayerSpec? Parse(AttributeArguments args, LayerArgumentErrors errors, System.Func<int, LayerSpec> create) =>
        errors.AtLeast("the output size", args.Int("size", 0), 1) is var size && errors.Any ? null : create(size);

    public override LayerInference Infer(InferContext context)
    {
        var input = context.Input;
        if (input.Rank != SpatialRank + 2)
            return context.RejectShape(ConvArithmetic.ChannelsFirstShape(SpatialRank), "pool a feature map, before any Flatten");
        var output = Enumerable.Range(2, SpatialRank).Aggregate(input, (shape, d) => shape.With(d, Dim.Of(Size)));
        return context.Ok(this with { SpatialSizes = Enumerable.Range(2, SpatialRank).Select(d => input[d]).ToEquatableArray() }, output);
    }

    public override string TorchFactory() => $"{Torch.Nn}.{TorchType}({Literal.Long(Size)})";

    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        if (Size == 1)
        {
            onnx.Node("GlobalAveragePool", new[] { onnx.Input });
        }
        else if (SpatialSizes.All(length => length.IsConstant && length.Constant % Size == 0))
        {
            var window = SpatialSizes.Select(length => length.Constant / Size).ToArray();
            onnx.Node("AveragePool", new[] { onnx.Input }, OnnxEmitContext.Ints("kernel_shape", window), OnnxEmitContext.Ints("strides", window));
        }
        else if (SpatialRank == 1)
        {
            onnx.Node("MatMul", new[] { onnx.Input, AveragingMatrix(onnx, "bins", axis: 2, binsFirst: false) });
        }
        else
        {
            // [B, C, H, W] · [W, size] pools the columns; [size, H] · that pools the rows.
            string columns = onnx.Step("columns", "MatMul", new[] { onnx.Input, AveragingMatrix(onnx, "column_bins", axis: 3, binsFirst: false) });
            onnx.Node("MatMul", new[] { AveragingMatrix(onnx, "row_bins", axis: 2, binsFirst: true), columns });
        }
    }

    /// <summary>The averaging matrix of input dim <paramref name="axis"/>: a constant when its size is fixed, else computed from the input's shape.</summary>
    private string AveragingMatrix(OnnxEmitContext onnx, string step, int axis, bool binsFirst)
    {
        var length = SpatialSizes[axis - 2];
        string transposed = binsFirst ? ", binsFirst: true" : "";
        if (!length.IsConstant)
            return $"global::SciDsl.Onnx.AdaptivePooling.RunTimeWeights(onnx, {onnx.ScopedName(onnx.Module + "/" + step)}, {onnx.Input}, axis: {Literal.Long(axis)}, outputLength: {Literal.Long(Size)}{transposed})";
        return onnx.FloatsConstant(step, $"global::SciDsl.Onnx.AdaptivePooling.Weights(inputLength: {Literal.Long(length.Constant)}, outputLength: {Literal.Long(Size)}{transposed})",
            binsFirst ? new[] { Size, length.Constant } : new[] { length.Constant, Size });
    }
}
