using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>The three unbiased linear-kernel HSIC values (x with y, x with itself, y with itself) of one set of samples.</summary>
internal readonly record struct UnbiasedHsic(double Cross, double SelfX, double SelfY)
{
    /// <summary>Estimates HSIC₁ for float64 matrices <paramref name="x"/> [n, p] and <paramref name="y"/> [n, q], n ≥ 4.</summary>
    /// <remarks>
    /// Song et al.'s estimator with K = X Xᵀ, L = Y Yᵀ and their diagonals zeroed (K̃, L̃):
    /// [tr(K̃L̃) + 1ᵀK̃1 · 1ᵀL̃1 / ((n−1)(n−2)) − 2/(n−2) · 1ᵀK̃L̃1] / (n(n−3)).
    /// Each term is rewritten with feature-space products and per-sample norms, so no n × n matrix is formed.
    /// Centring first changes nothing mathematically (the estimator ignores shifts) but keeps the sums small.
    /// </remarks>
    public static UnbiasedHsic Of(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        x = ActivationMatrix.Centre(x);
        y = ActivationMatrix.Centre(y);
        var kernelX = new LinearKernelSums(x);
        var kernelY = new LinearKernelSums(y);
        double n = x.shape[0];
        return new UnbiasedHsic(
            Estimate(n, ActivationMatrix.SquaredNorm(y.t().mm(x)), kernelX, kernelY),
            Estimate(n, ActivationMatrix.SquaredNorm(x.t().mm(x)), kernelX, kernelX),
            Estimate(n, ActivationMatrix.SquaredNorm(y.t().mm(y)), kernelY, kernelY));
    }

    private static double Estimate(double n, double traceKL, LinearKernelSums k, LinearKernelSums l)
    {
        double traceOffDiagonal = traceKL - k.Diagonal.dot(l.Diagonal).item<double>();
        double rowSumProduct = k.OffDiagonalRowSums.dot(l.OffDiagonalRowSums).item<double>();
        return (traceOffDiagonal + k.OffDiagonalTotal * l.OffDiagonalTotal / ((n - 1) * (n - 2)) - 2 / (n - 2) * rowSumProduct)
            / (n * (n - 3));
    }

    /// <summary>Sums of the linear kernel K = X Xᵀ with its diagonal zeroed, from X alone.</summary>
    private sealed class LinearKernelSums
    {
        public LinearKernelSums(Tensor x)
        {
            Diagonal = x.square().sum(1);                           // K_ii = ||x_i||²            [n]
            var columnSums = x.sum(0L);                              // Xᵀ1                        [p]
            OffDiagonalRowSums = x.mv(columnSums) - Diagonal;       // K̃1 = X(Xᵀ1) − diag(K)      [n]
            OffDiagonalTotal = columnSums.square().sum().item<double>() - Diagonal.sum().item<double>(); // 1ᵀK̃1
        }

        public Tensor Diagonal { get; }
        public Tensor OffDiagonalRowSums { get; }
        public double OffDiagonalTotal { get; }
    }
}
