namespace SciDsl;

public sealed class ReLUAttribute : LayerAttribute;

public sealed class LeakyReLUAttribute : LayerAttribute
{
    /// <summary>Slope for negative inputs (PyTorch's default 0.01).</summary>
    public double Slope { get; set; } = 0.01;
}

/// <summary>Exact (erf) GELU.</summary>
public sealed class GELUAttribute : LayerAttribute;

public sealed class SiLUAttribute : LayerAttribute;

public sealed class TanhAttribute : LayerAttribute;

public sealed class SigmoidAttribute : LayerAttribute;

public sealed class SoftmaxAttribute : LayerAttribute
{
    public int Dim { get; set; } = -1;
}

public sealed class LogSoftmaxAttribute : LayerAttribute
{
    public int Dim { get; set; } = -1;
}
