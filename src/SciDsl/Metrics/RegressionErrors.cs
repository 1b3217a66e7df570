namespace SciDsl;

/// <summary>Mean squared and mean absolute error over every value of every sample.</summary>
public static class RegressionErrors
{
    public static double MeanSquared(IReadOnlyList<double> predicted, IReadOnlyList<double> targets) =>
        Pairs(predicted, targets).Average(p => (p.Predicted - p.Target) * (p.Predicted - p.Target));

    public static double MeanAbsolute(IReadOnlyList<double> predicted, IReadOnlyList<double> targets) =>
        Pairs(predicted, targets).Average(p => Math.Abs(p.Predicted - p.Target));

    private static IEnumerable<(double Predicted, double Target)> Pairs(IReadOnlyList<double> predicted, IReadOnlyList<double> targets)
    {
        if (predicted.Count != targets.Count) throw new ArgumentException($"{predicted.Count} predictions but {targets.Count} targets.", nameof(targets));
        return predicted.Zip(targets);
    }
}
