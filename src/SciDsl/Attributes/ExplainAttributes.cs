namespace SciDsl;

/// <summary>The attribution methods <see cref="ExplainAttribute"/> generates (see <c>SciDsl.Interpretability</c>).</summary>
public enum Attribution
{
    /// <summary>|∂y_target/∂x|.</summary>
    Saliency,
    /// <summary>x ⊙ ∂y_target/∂x.</summary>
    InputXGradient,
    /// <summary>The gradient averaged over noisy copies of the input (<see cref="ExplainAttribute.NoiseLevel"/>, <see cref="ExplainAttribute.Samples"/>).</summary>
    SmoothGrad,
    /// <summary>Integrated Gradients from a baseline, with its convergence delta (<see cref="ExplainAttribute.Steps"/>).</summary>
    IntegratedGradients,
    /// <summary>Grad-CAM on the convolutional layer named by <see cref="ExplainAttribute.Layer"/>, upsampled to the input's size.</summary>
    GradCam,
    /// <summary>The score's drop when a <see cref="ExplainAttribute.Window"/> of the input is blanked, sliding by <see cref="ExplainAttribute.Stride"/>.</summary>
    Occlusion,
    /// <summary>The score's drop when one feature of a tabular input [B, F] is set to a baseline value.</summary>
    FeatureAblation,
}

/// <summary>
/// Generates a typed attribution method on a <c>[Model]</c>, named after <see cref="Method"/>, e.g.
/// <c>[Explain(Attribution.IntegratedGradients)]</c> → <c>model.IntegratedGradients(x, target)</c>,
/// <c>[Explain(Attribution.GradCam, Layer = "conv2")]</c> → <c>model.GradCam(x, target)</c>. Repeatable, once per method.
/// A model with [Explain] also gets <c>Activations(x)</c>: its named layers' outputs from one forward pass.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ExplainAttribute(Attribution method) : Attribute
{
    public Attribution Method { get; } = method;

    /// <summary>Grad-CAM only: the named convolutional layer whose feature maps [B, C, H, W] it weighs.</summary>
    public string? Layer { get; set; }

    /// <summary>Integrated Gradients only: the default number of quadrature steps, at least 1.</summary>
    public int Steps { get; set; } = 64;

    /// <summary>SmoothGrad only: the default noise standard deviation as a fraction of each sample's range, ≥ 0.</summary>
    public double NoiseLevel { get; set; } = 0.15;

    /// <summary>SmoothGrad only: the default number of noisy copies per sample, at least 1.</summary>
    public int Samples { get; set; } = 32;

    /// <summary>Occlusion only (required): the window, one size per sample dimension, e.g. <c>new[] { 1, 4, 4 }</c> for [C, H, W].</summary>
    public int[]? Window { get; set; }

    /// <summary>Occlusion only: the step between windows, one size per sample dimension; the window when omitted.</summary>
    public int[]? Stride { get; set; }
}
