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

/// <summary>
/// Average pooling to a fixed <c>size</c> output length, over PyTorch's bins (⌊i·L/size⌋ to ⌈(i+1)·L/size⌉);
/// any size, exported exactly.
/// </summary>
public sealed class AdaptiveAvgPool1dAttribute(int size) : LayerAttribute
{
    public int Size { get; } = size;
}

/// <summary>
/// Average pooling to a fixed <c>size × size</c> output, over PyTorch's bins; any size, exported exactly.
/// </summary>
public sealed class AdaptiveAvgPool2dAttribute(int size) : LayerAttribute
{
    public int Size { get; } = size;
}

/// <summary>Mean over every spatial dim: <c>[B, C, …] → [B, C]</c>.</summary>
public sealed class GlobalAvgPoolAttribute : LayerAttribute;

/// <summary>Maximum over every spatial dim: <c>[B, C, …] → [B, C]</c>.</summary>
public sealed class GlobalMaxPoolAttribute : LayerAttribute;
