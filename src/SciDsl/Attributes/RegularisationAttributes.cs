namespace SciDsl;

/// <summary>Zeroes elements with probability <c>p</c> in training; identity in eval (and in ONNX).</summary>
public sealed class DropoutAttribute(double p = 0.5) : LayerAttribute
{
    public double P { get; } = p;
}
