namespace SciDsl;

/// <summary>The mean recall over the classes present among the targets, so a rare class counts as much as a common one.</summary>
public static class BalancedAccuracy
{
    public static double Of(ConfusionMatrix matrix) => Enumerable.Range(0, matrix.Classes)
        .Where(c => matrix.Actual(c) > 0)
        .Average(c => (double)matrix.TruePositives(c) / matrix.Actual(c));
}
