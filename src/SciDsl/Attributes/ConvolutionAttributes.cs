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
