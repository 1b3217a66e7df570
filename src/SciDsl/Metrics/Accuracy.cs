namespace SciDsl;

/// <summary>The fraction of samples whose predicted class is the true one.</summary>
public static class Accuracy
{
    public static double Of(ConfusionMatrix matrix) =>
        (double)Enumerable.Range(0, matrix.Classes).Sum(matrix.TruePositives) / matrix.Total;
}
