namespace SciDsl;

/// <summary>Zeroes elements with probability <c>p</c> in training; identity in eval (and in ONNX).</summary>
public sealed class DropoutAttribute(double p = 0.5) : LayerAttribute
{
    public double P { get; } = p;
}

/// <summary>
/// Zeroes whole channels with probability <c>p</c> in training, on <c>[B, C, H, W]</c> or <c>[B, C, L]</c>;
/// identity in eval (and in ONNX).
/// </summary>
public sealed class Dropout2dAttribute(double p = 0.5) : LayerAttribute
{
    public double P { get; } = p;
}
