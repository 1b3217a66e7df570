using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>Integrated Gradients attributions and how far they are from completeness.</summary>
/// <param name="Attributions">Attributions of the input's shape [B, ...].</param>
/// <param name="Delta">
/// Convergence delta per sample [B]: Σ attributions − (f(x) − f(baseline)) for the target output. Exact integration
/// gives 0; its size relative to f(x) − f(baseline) says whether more steps are needed.
/// </param>
public sealed record IntegratedGradientsResult(Tensor Attributions, Tensor Delta);

/// <summary>Integrated Gradients attributions of a model with several inputs, and how far they are from completeness.</summary>
/// <param name="Attributions">One attribution per floating-point input (a generated model's record, or a dictionary by name), each of its input's shape.</param>
/// <param name="Delta">
/// Convergence delta per sample [B]: Σ over every input's attributions − (f(x) − f(baseline)) for the target output.
/// </param>
public sealed record IntegratedGradientsResult<TAttributions>(TAttributions Attributions, Tensor Delta);
