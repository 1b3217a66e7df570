using System;
using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// Transposed convolution over <c>[B, C, spatial…]</c> (the gradient of a convolution, used to upsample).
/// Output size per spatial dim: <c>(in − 1)·s − 2p + d(k − 1) + output_padding + 1</c>. TorchSharp and ONNX
/// both keep the weight as <c>[in, out/groups, k…]</c>.
/// </summary>
internal abstract record ConvTransposeLayer(LayerSite Site, ConvolutionArguments Args, int OutputPadding, Dim? InChannels)
    : ConvolutionLayer(Site, Args, InChannels)
{
    /// <summary>The convolution's arguments plus <c>OutputPadding</c>, which PyTorch requires below Stride or Dilation.</summary>
    protected static LayerSpec? Parse(AttributeArguments args, LayerArgumentErrors errors,
        Func<ConvolutionArguments, int, ConvTransposeLayer> create)
    {
        int outputPadding = errors.AtLeast("OutputPadding", args.Int("OutputPadding", 0), 0);
        if (ConvolutionArguments.Parse(args, errors) is not { } parsed) return null;
        if (outputPadding >= parsed.Stride && outputPadding >= parsed.Dilation)
            errors.Add($"OutputPadding = {outputPadding} must be smaller than Stride ({parsed.Stride}) or Dilation ({parsed.Dilation})");
        return errors.Any ? null : create(parsed, outputPadding);
    }

    protected override Dim OutputSize(Dim input) =>
        ConvArithmetic.TransposedOutputSize(input, Args.Kernel, Args.Stride, Args.Padding, Args.Dilation, OutputPadding);

    protected override string ShrinkFix => "use less Padding, a larger Kernel or Stride, or a larger input";

    protected override string OnnxOperator => "ConvTranspose";

    protected override IEnumerable<string> TorchOptions() =>
        OutputPadding == 0 ? base.TorchOptions() : base.TorchOptions().Append($"output_padding: {Literal.Long(OutputPadding)}");

    // ONNX Runtime takes output_padding only below the stride; PyTorch allows it below the dilation too.
    // Either way it crops OutputPadding less at the end: smaller end pads, and past them positions that
    // no input reaches, which hold only the bias (zeros padded on after the convolution, then the bias).
    private bool OutputPaddingAsPads => OutputPadding >= Args.Stride;

    private int PaddedAfter => Math.Max(OutputPadding - Args.Padding, 0);

    protected override IEnumerable<long> Pads => OutputPaddingAsPads
        ? Repeat(Args.Padding, SpatialRank).Concat(Repeat(Math.Max(Args.Padding - OutputPadding, 0), SpatialRank))
        : base.Pads;

    // Explicit pads and output_padding rather than output_shape: ONNX then sizes the output by PyTorch's formula.
    protected override IEnumerable<string> OnnxAttributes() => OutputPadding == 0 || OutputPaddingAsPads
        ? base.OnnxAttributes()
        : base.OnnxAttributes().Append(OnnxEmitContext.Ints("output_padding", Repeat(OutputPadding, SpatialRank)));

    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        if (!OutputPaddingAsPads || PaddedAfter == 0)
        {
            base.EmitOnnx(onnx);
            return;
        }
        string convolved = onnx.Step("convolved", OnnxOperator, new[] { onnx.Input, onnx.Parameter("weight") }, OnnxAttributes().ToArray());
        string pads = onnx.LongsConstant("pads", Repeat(0, SpatialRank + 4).Concat(Repeat(PaddedAfter, SpatialRank)));
        if (!Args.Bias)
        {
            onnx.Node("Pad", new[] { convolved, pads });
            return;
        }
        string padded = onnx.Step("padded", "Pad", new[] { convolved, pads });
        string biasShape = onnx.LongsConstant("bias_shape", new[] { Args.OutChannels }.Concat(Repeat(1, SpatialRank)));
        string bias = onnx.Step("bias", "Reshape", new[] { onnx.Parameter("bias"), biasShape });
        onnx.Node("Add", new[] { padded, bias });
    }
}
