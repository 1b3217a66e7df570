using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>The arguments shared by the convolutions and the transposed convolutions.</summary>
internal sealed record ConvolutionArguments(long OutChannels, int Kernel, int Stride, int Padding, int Dilation, int Groups, bool Bias, long? DeclaredIn)
{
    public static ConvolutionArguments? Parse(AttributeArguments args, LayerArgumentErrors errors)
    {
        long outChannels = args.Long("outChannels", 0);
        if (outChannels <= 0) errors.Add($"the output channel count must be positive but is {outChannels}");
        if (!args.Has("Kernel")) errors.Add("Kernel is required, e.g. Kernel = 3");
        var parsed = new ConvolutionArguments(
            outChannels,
            errors.AtLeast("Kernel", args.Int("Kernel", 1), 1),
            errors.AtLeast("Stride", args.Int("Stride", 1), 1),
            errors.AtLeast("Padding", args.Int("Padding", 0), 0),
            errors.AtLeast("Dilation", args.Int("Dilation", 1), 1),
            errors.AtLeast("Groups", args.Int("Groups", 1), 1),
            args.Bool("Bias", true),
            args.Has("InChannels") ? args.Long("InChannels", 0) : null);
        if (parsed.DeclaredIn <= 0) errors.Add($"InChannels must be positive but is {parsed.DeclaredIn}");
        if (parsed.OutChannels > 0 && parsed.Groups > 0 && parsed.OutChannels % parsed.Groups != 0)
            errors.Add($"Groups = {parsed.Groups} must divide the {parsed.OutChannels} output channels");
        return errors.Any ? null : parsed;
    }
}

/// <summary>
/// Convolution over <c>[B, C, spatial…]</c>; the subclasses fix the number of spatial dims.
/// Output size per spatial dim: <c>floor((in + 2p − d(k − 1) − 1) / s) + 1</c>; the transposed
/// convolutions override it, the extra arguments and the ONNX operator.
/// </summary>
internal abstract record ConvolutionLayer(LayerSite Site, ConvolutionArguments Args, Dim? InChannels) : LayerSpec(Site)
{
    protected abstract int SpatialRank { get; }

    protected virtual Dim OutputSize(Dim input) => ConvArithmetic.OutputSize(input, Args.Kernel, Args.Stride, Args.Padding, Args.Dilation);

    /// <summary>How to make a size that came out zero or negative positive again.</summary>
    protected virtual string ShrinkFix => "use a smaller Kernel, more Padding, or a larger input";

    protected virtual string OnnxOperator => "Conv";

    public override LayerInference Infer(InferContext context)
    {
        var input = context.Input;
        int rank = SpatialRank + 2;
        if (input.Rank != rank)
            return context.RejectShape(
                ConvArithmetic.ChannelsFirstShape(SpatialRank),
                input.Rank < rank ? "reshape the input to add the missing channel or spatial dims, e.g. [Reshape(\"B,1,…\")]" : $"use a {input.Rank - 2}-D convolution");
        Dim channels = input[1];
        if (Args.DeclaredIn is { } declared && !channels.Equals(Dim.Of(declared)))
            return channels.IsConstant
                ? context.Fail(CodeFixHint.SetArgument("InChannels", channels.ToString()), DiagnosticDescriptors.ExplicitSizeContradicts, Site.Display,
                    $"InChannels = {declared}", $"{input} ({channels} channels)", context.Source, $"write InChannels = {channels} or leave InChannels out")
                : context.Fail(DiagnosticDescriptors.ExplicitSizeContradicts, Site.Display,
                    $"InChannels = {declared}", $"{input} ({channels} channels)", context.Source, "leave InChannels out: the channels are inferred");
        if (channels.IsConstant && channels.Constant % Args.Groups != 0)
            return context.RejectShape($"input channels divisible by Groups = {Args.Groups}", "change Groups or the previous layer's channels");

        var output = input.With(1, Dim.Of(Args.OutChannels));
        for (int i = 2; i < rank; i++)
            output = output.With(i, OutputSize(input[i]));
        return context.RequirePositive(output, ShrinkFix)
            ?? context.Ok(this with { InChannels = channels }, output);
    }

    public override IEnumerable<Dim> ConstructionDims => new[] { InChannels! };

    public override string TorchFactory() =>
        $"{Torch.Nn}.{TorchType}({TorchSizes.Of(InChannels!)}, {Literal.Long(Args.OutChannels)}, kernel_size: {Literal.Long(Args.Kernel)}"
        + string.Concat(TorchOptions().Select(option => ", " + option)) + ")";

    /// <summary>The factory's named arguments that differ from TorchSharp's defaults.</summary>
    protected virtual IEnumerable<string> TorchOptions()
    {
        if (Args.Stride != 1) yield return $"stride: {Literal.Long(Args.Stride)}";
        if (Args.Padding != 0) yield return $"padding: {Literal.Long(Args.Padding)}";
        if (Args.Dilation != 1) yield return $"dilation: {Literal.Long(Args.Dilation)}";
        if (Args.Groups != 1) yield return $"groups: {Literal.Long(Args.Groups)}";
        if (!Args.Bias) yield return "bias: false";
    }

    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        var inputs = new List<string> { onnx.Input, onnx.Parameter("weight") };
        if (Args.Bias) inputs.Add(onnx.Parameter("bias"));
        onnx.Node(OnnxOperator, inputs, OnnxAttributes().ToArray());
    }

    /// <summary>ONNX's <c>pads</c>: the begin of each spatial dim, then the end.</summary>
    protected virtual IEnumerable<long> Pads => Repeat(Args.Padding, 2 * SpatialRank);

    /// <summary>The attributes of <c>Conv</c>, which <c>ConvTranspose</c> shares.</summary>
    protected virtual IEnumerable<string> OnnxAttributes() => new[]
    {
        OnnxEmitContext.Ints("kernel_shape", Repeat(Args.Kernel, SpatialRank)),
        OnnxEmitContext.Ints("strides", Repeat(Args.Stride, SpatialRank)),
        OnnxEmitContext.Ints("pads", Pads),
        OnnxEmitContext.Ints("dilations", Repeat(Args.Dilation, SpatialRank)),
        OnnxEmitContext.Int("group", Args.Groups),
    };

    internal static IEnumerable<long> Repeat(long value, int count) => Enumerable.Repeat(value, count);
}
