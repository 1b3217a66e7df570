namespace SciDsl;

/// <summary>Shared arguments of the fixed-window poolings. <see cref="Stride"/> defaults to the kernel.</summary>
public abstract class PoolingAttribute(int kernel) : LayerAttribute
{
    public int Kernel { get; } = kernel;
    public int Stride { get; set; }
    public int Padding { get; set; }
}

public sealed class MaxPool1dAttribute(int kernel) : PoolingAttribute(kernel);

public sealed class MaxPool2dAttribute(int kernel) : PoolingAttribute(kernel);

/// <summary>Average pooling; padding counts towards the average, as in PyTorch.</summary>
public sealed class AvgPool1dAttribute(int kernel) : PoolingAttribute(kernel);

/// <summary>Average pooling; padding counts towards the average, as in PyTorch.</summary>
public sealed class AvgPool2dAttribute(int kernel) : PoolingAttribute(kernel);

/// <summary>Average pooling to a fixed <c>size × size</c> output; the input size must be a multiple of it.</summary>
public sealed class AdaptiveAvgPool2dAttribute(int size) : LayerAttribute
{
    public int Size { get; } = size;
}

/// <summary>Mean over every spatial dim: <c>[B, C, …] → [B, C]</c>.</summary>
public sealed class GlobalAvgPoolAttribute : LayerAttribute;
