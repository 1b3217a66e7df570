using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>
/// Singular vector canonical correlation analysis (Raghu et al., 2017) between two sets of activations of the same
/// samples: each is reduced by SVD to its leading directions, then canonical correlation analysis aligns the two
/// reduced spaces. Invariant to any invertible linear transform of either representation within the kept subspace.
/// </summary>
public static class Svcca
{
    /// <summary>
    /// SVCCA keeping, for each representation, the fewest leading directions that explain
    /// <paramref name="varianceFraction"/> of its variance (0.99 as in the paper).
    /// </summary>
    /// <exception cref="ArgumentException">Different sample counts, rank below 2, a fraction outside (0, 1], or no more samples than kept directions.</exception>
    public static SvccaResult ByVariance(Tensor x, Tensor y, double varianceFraction = 0.99)
    {
        if (!(varianceFraction > 0 && varianceFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(varianceFraction), varianceFraction, $"{nameof(Svcca)}.{nameof(ByVariance)}: the fraction of variance to keep must be in (0, 1].");
        return Compute(x, y, nameof(ByVariance), singularValues => DirectionsFor(singularValues, varianceFraction));
    }

    /// <summary>SVCCA keeping the top <paramref name="directions"/> SVD directions of each representation (fewer if it is narrower).</summary>
    /// <exception cref="ArgumentException">Different sample counts, rank below 2, directions below 1, or no more samples than kept directions.</exception>
    public static SvccaResult TopDirections(Tensor x, Tensor y, int directions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(directions, 1);
        return Compute(x, y, nameof(TopDirections), singularValues => (int)Math.Min(directions, singularValues.shape[0]));
    }

    private static SvccaResult Compute(Tensor x, Tensor y, string method, Func<Tensor, int> directionsToKeep)
    {
        using var scope = NewDisposeScope();
        method = $"{nameof(Svcca)}.{method}";
        var a = ActivationMatrix.Centre(ActivationMatrix.Flatten(x, method, nameof(x)));
        var b = ActivationMatrix.Centre(ActivationMatrix.Flatten(y, method, nameof(y)));
        ActivationMatrix.CheckPair(x, y, method, minSamples: 2);
        if (ActivationMatrix.SquaredNorm(a) == 0 || ActivationMatrix.SquaredNorm(b) == 0)
            throw new ArgumentException(
                $"{method}: x {ActivationMatrix.Format(x)} or y {ActivationMatrix.Format(y)} does not vary across samples; SVCCA is undefined for a constant representation.");

        // The left singular vectors of a centred matrix are an orthonormal basis of its reduced space, so the canonical
        // correlations are the singular values of the product of the two bases (Björck & Golub) — no covariance inverse.
        var (basisX, keptX) = LeadingBasis(a, directionsToKeep);
        var (basisY, keptY) = LeadingBasis(b, directionsToKeep);
        if (a.shape[0] <= Math.Max(keptX, keptY))
            throw new ArgumentException(
                $"{method}: x has shape {ActivationMatrix.Format(x)} and y has shape {ActivationMatrix.Format(y)}; keeping {keptX} and {keptY} directions needs more than {Math.Max(keptX, keptY)} samples (CCA in as many dimensions as samples finds perfect correlations by chance). Add samples or keep fewer directions.");
        var correlations = linalg.svdvals(basisX.t().mm(basisY)).clamp(0, 1).data<double>().ToArray();
        return new SvccaResult(correlations.Average(), correlations, keptX, keptY);
    }

    private static (Tensor Basis, int Kept) LeadingBasis(Tensor centred, Func<Tensor, int> directionsToKeep)
    {
        var (u, singularValues, _) = linalg.svd(centred, fullMatrices: false);
        int kept = directionsToKeep(singularValues);
        return (u.narrow(1, 0, kept), kept);
    }

    private static int DirectionsFor(Tensor singularValues, double varianceFraction)
    {
        var variance = singularValues.square().data<double>().ToArray();
        double total = variance.Sum();
        double explained = 0;
        for (int kept = 0; kept < variance.Length; kept++)
        {
            explained += variance[kept];
            // A small tolerance so that 1.0 keeps the directions with variance rather than every rounding-level one.
            if (explained >= varianceFraction * total * (1 - 1e-12)) return kept + 1;
        }
        return variance.Length;
    }
}
