namespace SciDsl;

/// <summary>Batch normalisation over <c>[B, C]</c> or <c>[B, C, L]</c>; features inferred.</summary>
public sealed class BatchNorm1dAttribute : LayerAttribute
{
    public double Eps { get; set; } = 1e-5;
    public double Momentum { get; set; } = 0.1;
}

/// <summary>Batch normalisation over <c>[B, C, H, W]</c>; channels inferred.</summary>
public sealed class BatchNorm2dAttribute : LayerAttribute
{
    public double Eps { get; set; } = 1e-5;
    public double Momentum { get; set; } = 0.1;
}

/// <summary>Layer normalisation over the last dim (inferred).</summary>
public sealed class LayerNormAttribute : LayerAttribute
{
    public double Eps { get; set; } = 1e-5;
}

/// <summary>Group normalisation over <c>[B, C, spatial…]</c>: the channels (inferred) split into <c>groups</c> that must divide them.</summary>
public sealed class GroupNormAttribute(int groups) : LayerAttribute
{
    public int Groups { get; } = groups;

    public double Eps { get; set; } = 1e-5;
}
