using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>Integrated Gradients attributions and how far they are from completeness.</summary>
/// <param name="Attributions">Attributions of the input's shape [B, ...].</param>
/// <param name="Delta">
/// Convergence delta per sample [B]: Σ attributions − (f(x) − f(baseline)) for the target output. Exact integration
/// gives 0; its size relative to f(x) − f(baseline) says whether more steps are needed.
/// </param>
public sealed record IntegratedGradientsResult(Tensor Attributions, Tensor Delta);
