namespace SciDsl;

/// <summary>
/// The unweighted mean of the per-class F1 scores, 2·TP / (2·TP + FP + FN), over the classes that occur among the
/// targets or the predictions (a class absent from both says nothing about the model).
/// </summary>
public static class MacroF1
{
    public static double Of(ConfusionMatrix matrix) => Enumerable.Range(0, matrix.Classes)
        .Where(c => matrix.Actual(c) + matrix.Predicted(c) > 0)
        .Average(c => 2.0 * matrix.TruePositives(c) / (matrix.Actual(c) + matrix.Predicted(c)));
}
