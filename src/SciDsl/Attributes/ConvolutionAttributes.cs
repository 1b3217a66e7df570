namespace SciDsl;

/// <summary>Shared arguments of the convolutions; input channels are inferred.</summary>
public abstract class ConvolutionAttribute(int outChannels) : LayerAttribute
{
    public int OutChannels { get; } = outChannels;
    public int Kernel { get; set; }
    public int Stride { get; set; } = 1;
    public int Padding { get; set; }
    public int Dilation { get; set; } = 1;
    public int Groups { get; set; } = 1;
    public bool Bias { get; set; } = true;

    /// <summary>Expected input channels; checked against the inferred ones (SD1004).</summary>
    public int InChannels { get; set; }
}

/// <summary>1-D convolution over <c>[B, C, L]</c>.</summary>
public sealed class Conv1dAttribute(int outChannels) : ConvolutionAttribute(outChannels);

/// <summary>2-D convolution over <c>[B, C, H, W]</c>.</summary>
public sealed class Conv2dAttribute(int outChannels) : ConvolutionAttribute(outChannels);

/// <summary>3-D convolution over <c>[B, C, D, H, W]</c>.</summary>
public sealed class Conv3dAttribute(int outChannels) : ConvolutionAttribute(outChannels);

/// <summary>Shared arguments of the transposed convolutions (learnt upsampling).</summary>
public abstract class ConvTransposeAttribute(int outChannels) : ConvolutionAttribute(outChannels)
{
    /// <summary>Extra size added to one side of the output, to pick among the sizes a stride maps to one input size; below Stride or Dilation.</summary>
    public int OutputPadding { get; set; }
}

/// <summary>1-D transposed convolution over <c>[B, C, L]</c>: <c>(L − 1)·Stride − 2·Padding + Dilation·(Kernel − 1) + OutputPadding + 1</c>.</summary>
public sealed class ConvTranspose1dAttribute(int outChannels) : ConvTransposeAttribute(outChannels);

/// <summary>2-D transposed convolution over <c>[B, C, H, W]</c>, each spatial size as for <see cref="ConvTranspose1dAttribute"/>.</summary>
public sealed class ConvTranspose2dAttribute(int outChannels) : ConvTransposeAttribute(outChannels);
