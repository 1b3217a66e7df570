namespace SciDsl.Interpretability;

/// <summary>The quadrature rule Integrated Gradients uses along the path from the baseline to the input.</summary>
public enum IntegrationRule
{
    /// <summary>Riemann midpoint sum: equal weights at α = (k + ½)/steps.</summary>
    RiemannMidpoint,

    /// <summary>Gauss–Legendre: exact for polynomial paths up to degree 2·steps − 1, so fewer steps reach a given error.</summary>
    GaussLegendre,
}

/// <summary>Nodes α ∈ (0, 1) and weights (summing to 1) of an <see cref="IntegrationRule"/>.</summary>
internal static class Quadrature
{
    public static (double[] Alphas, double[] Weights) On01(IntegrationRule rule, int steps) => rule switch
    {
        IntegrationRule.RiemannMidpoint => (
            Enumerable.Range(0, steps).Select(k => (k + 0.5) / steps).ToArray(),
            Enumerable.Repeat(1.0 / steps, steps).ToArray()),
        IntegrationRule.GaussLegendre => GaussLegendre(steps),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown integration rule."),
    };

    // Roots of the Legendre polynomial P_n by Newton's method from the Chebyshev-like first guess, mapped from [-1, 1]
    // to [0, 1] (weights halve accordingly).
    private static (double[] Alphas, double[] Weights) GaussLegendre(int n)
    {
        var alphas = new double[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            double root = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                (double value, derivative) = Legendre(n, root);
                double step = value / derivative;
                root -= step;
                if (Math.Abs(step) < 1e-15)
                    break;
            }
            (_, derivative) = Legendre(n, root);
            alphas[n - 1 - i] = (1 + root) / 2;
            weights[n - 1 - i] = 1 / ((1 - root * root) * derivative * derivative);
        }
        return (alphas, weights);
    }

    private static (double Value, double Derivative) Legendre(int n, double x)
    {
        double previous = 1, current = x;
        for (int k = 2; k <= n; k++)
            (previous, current) = (current, ((2 * k - 1) * x * current - (k - 1) * previous) / k);
        double derivative = n * (x * current - previous) / (x * x - 1);
        return (current, derivative);
    }
}
