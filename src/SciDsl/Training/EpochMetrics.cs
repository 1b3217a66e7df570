namespace SciDsl;

/// <summary>What one epoch achieved. Accuracies are null for regression; validation values are null without a validation split.</summary>
/// <param name="Epoch">1-based, counting epochs of earlier runs when resumed.</param>
/// <param name="TrainLoss">Mean loss over the epoch's training batches (weighted by batch size, in training mode).</param>
/// <param name="Metrics">The validation loss and metrics by name: <c>val_loss</c>, <c>val_accuracy</c>, <c>val_macro_f1</c>, <c>val_r2</c>, … (see <see cref="TrainAttribute.EarlyStopping"/>); null without validation.</param>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double? ValidationLoss,
    double? TrainAccuracy,
    double? ValidationAccuracy,
    TimeSpan Elapsed,
    IReadOnlyDictionary<string, double>? Metrics = null);
