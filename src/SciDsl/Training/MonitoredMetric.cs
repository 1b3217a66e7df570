namespace SciDsl;

/// <summary>
/// The metric that picks the best epoch and drives early stopping: <c>val_loss</c> or <c>val_</c> + a validation
/// metric of the loss. Losses and errors improve downwards, the rest upwards.
/// </summary>
internal sealed record MonitoredMetric(string Name, bool HigherIsBetter)
{
    public const string ValidationLoss = "val_loss";
    private static readonly string[] Increasing = ["accuracy", "balanced_accuracy", "macro_f1", "roc_auc", "iou", "dice", "r2"];

    /// <summary>The validation metrics training computes for a loss (besides the loss).</summary>
    public static IReadOnlyList<string> MetricsOf(Loss loss) => loss switch
    {
        Loss.CrossEntropy or Loss.Dice => ["accuracy", "balanced_accuracy", "macro_f1", "roc_auc", "iou", "dice"],
        Loss.MSE or Loss.L1 or Loss.Huber => ["mse", "mae", "r2"],
        Loss.BCEWithLogits => ["accuracy", "macro_f1", "roc_auc"],
        _ => [],
    };

    public static (MonitoredMetric? Metric, string? Problem) Parse(string name, Loss loss, bool validates)
    {
        if (name == ValidationLoss) return (new MonitoredMetric(name, false), null);
        var known = MetricsOf(loss).Select(m => "val_" + m).Prepend(ValidationLoss).ToArray();
        if (!known.Contains(name))
            return (null, $"must name a validation metric of Loss.{loss} ({string.Join(", ", known)}), got \"{name}\"");
        if (!validates)
            return (null, $"is \"{name}\", which needs a validation split (ValidationSplit > 0)");
        return (new MonitoredMetric(name, Increasing.Contains(name["val_".Length..])), null);
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <paramref name="earlyStopping"/> is <c>val_loss</c>, for a paradigm
    /// whose validation reports no metric of its loss (<paramref name="why"/> says what it reports instead).
    /// </summary>
    public static void RequireValidationLoss(string earlyStopping, string why)
    {
        if (earlyStopping != ValidationLoss)
            throw new ArgumentException($"TrainConfig.EarlyStopping is \"{earlyStopping}\", but {why}; use \"{ValidationLoss}\".", "config");
    }

    /// <summary>Why validation can leave this metric out (<see cref="Evaluation.Metrics"/>), for the message that says so.</summary>
    public string UndefinedReason => Name["val_".Length..] switch
    {
        "roc_auc" => "the validation split holds one class, and ROC AUC needs two",
        "r2" => "the validation targets are constant, and R² divides by their variance",
        "macro_f1" => "no label is present in or predicted for the validation split",
        _ => "the validation split does not define it",
    };

    /// <summary>The value to minimise: the metric, negated when higher is better.</summary>
    public double Minimised(double value) => HigherIsBetter ? -value : value;
}
