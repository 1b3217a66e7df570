using TorchSharp;

namespace SciDsl.Samples.Tabular;

/// <summary>
/// What each model must reach on the test patients for the sample to pass. Linear regression explains about half of the
/// variance of this set (R² ≈ 0.45–0.5 in the literature); the bars leave room for split-to-split variation.
/// </summary>
public static class TabularBars
{
    public const double MlpR2 = 0.35;
    public const double LinearR2 = 0.35;

    /// <summary>1 − SSE / SST of predictions <c>[N, 1]</c> against targets <c>[N, 1]</c>.</summary>
    public static double RSquared(torch.Tensor predictions, torch.Tensor targets)
    {
        using var scope = torch.NewDisposeScope();
        var residual = (targets - predictions).square().sum().item<float>();
        var total = (targets - targets.mean()).square().sum().item<float>();
        return 1 - residual / (double)total;
    }
}
