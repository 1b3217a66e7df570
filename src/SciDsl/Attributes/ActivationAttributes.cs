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

/// <summary>Exponential linear unit: x for x &gt; 0, alpha · (eˣ − 1) below.</summary>
public sealed class ELUAttribute : LayerAttribute
{
    /// <summary>The value approached for large negative inputs is −Alpha (PyTorch's default 1).</summary>
    public double Alpha { get; set; } = 1.0;
}

/// <summary>Passes its input through unchanged (a placeholder, or a named tap on a value).</summary>
public sealed class IdentityAttribute : LayerAttribute;
