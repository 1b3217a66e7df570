namespace SciDsl.Interpretability;

/// <summary>The outcome of <see cref="Svcca"/>: canonical correlations between two SVD-reduced representations.</summary>
/// <param name="Mean">Mean canonical correlation, the SVCCA similarity (1 = same subspace, near 0 = unrelated).</param>
/// <param name="Correlations">Canonical correlations, largest first; as many as the smaller reduced space has directions.</param>
/// <param name="DirectionsX">SVD directions kept from x.</param>
/// <param name="DirectionsY">SVD directions kept from y.</param>
public sealed record SvccaResult(double Mean, IReadOnlyList<double> Correlations, int DirectionsX, int DirectionsY);
