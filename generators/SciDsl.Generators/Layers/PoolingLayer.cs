using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>The arguments shared by the fixed-window poolings; the stride defaults to the kernel, as in PyTorch.</summary>
internal sealed record PoolingArguments(int Kernel, int Stride, int Padding)
{
    public static PoolingArguments? Parse(AttributeArguments args, LayerArgumentErrors errors)
    {
        int kernel = errors.AtLeast("the kernel", args.Int("kernel", 0), 1);
        var parsed = new PoolingArguments(
            kernel,
            args.Has("Stride") ? errors.AtLeast("Stride", args.Int("Stride", 1), 1) : kernel,
            errors.AtLeast("Padding", args.Int("Padding", 0), 0));
        if (parsed.Padding * 2 > kernel)
            errors.Add($"Padding = {parsed.Padding} must be at most half the kernel ({kernel})");
        return errors.Any ? null : parsed;
    }
}

/// <summary>Max or average pooling over <c>[B, C, spatial…]</c>.</summary>
internal abstract record PoolingLayer(LayerSite Site, PoolingArguments Args) : LayerSpec(Site)
{
    protected abstract int SpatialRank { get; }

    protected abstract string OnnxOperator { get; }

    public override LayerInference Infer(InferContext context)
    {
        var input = context.Input;
        int rank = SpatialRank + 2;
        if (input.Rank != rank)
            return context.RejectShape(
                ConvArithmetic.ChannelsFirstShape(SpatialRank),
                $"pool a rank-{rank} tensor{(input.Rank == 2 ? "; pooling after Flatten/Linear is usually misplaced" : "")}");
        var output = ConvArithmetic.SlideOverSpatialDims(input, input[1], Args.Kernel, Args.Stride, Args.Padding);
        return context.RequirePositive(output, "remove a pooling, use a smaller kernel, or pad the input")
            ?? context.Ok(this, output);
    }

    public override string TorchFactory()
    {
        string call = $"{Torch.Nn}.{TorchType}({Literal.Long(Args.Kernel)}";
        if (Args.Stride != Args.Kernel) call += $", stride: {Literal.Long(Args.Stride)}";
        if (Args.Padding != 0) call += $", padding: {Literal.Long(Args.Padding)}";
        return call + ")";
    }

    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        var attributes = new System.Collections.Generic.List<string>
        {
            OnnxEmitContext.Ints("kernel_shape", ConvolutionLayer.Repeat(Args.Kernel, SpatialRank)),
            OnnxEmitContext.Ints("strides", ConvolutionLayer.Repeat(Args.Stride, SpatialRank)),
            OnnxEmitContext.Ints("pads", ConvolutionLayer.Repeat(Args.Padding, 2 * SpatialRank)),
        };
        // PyTorch averages over padding too; ONNX's default leaves it out.
        if (OnnxOperator == "AveragePool") attributes.Add(OnnxEmitContext.Int("count_include_pad", 1));
        onnx.Node(OnnxOperator, new[] { onnx.Input }, attributes.ToArray());
    }
}
