namespace SciDsl;

/// <summary>A pass over held-out data: the mean loss and the metrics that fit the task.</summary>
/// <param name="Metrics">By name, e.g. <c>accuracy</c>, <c>macro_f1</c>, <c>roc_auc</c> or <c>mse</c>, <c>r2</c> (see <see cref="TrainAttribute.EarlyStopping"/>); a metric that is undefined on the data (AUC with one class present) is left out.</param>
/// <param name="ConfusionMatrix">When classifying.</param>
public sealed record Evaluation(double Loss, IReadOnlyDictionary<string, double> Metrics, ConfusionMatrix? ConfusionMatrix = null)
{
    public double? Accuracy => Metrics.TryGetValue("accuracy", out double accuracy) ? accuracy : null;
}
