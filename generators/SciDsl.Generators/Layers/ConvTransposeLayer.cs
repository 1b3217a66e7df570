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
        System.Func<ConvolutionArguments, int, ConvTransposeLayer> create)
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

    // Explicit pads and output_padding rather than output_shape: ONNX then sizes the output by PyTorch's formula.
    protected override IEnumerable<string> OnnxAttributes() =>
        base.OnnxAttributes().Append(OnnxEmitContext.Ints("output_padding", Repeat(OutputPadding, SpatialRank)));
}
