using TorchSharp;

namespace SciDsl;

/// <summary>Why a training run ended.</summary>
public enum StopReason
{
    /// <summary>All epochs ran.</summary>
    Completed,
    /// <summary><see cref="TrainConfig.Patience"/> (or <see cref="TrainOptions.EarlyStoppingPatience"/>) epochs passed without improvement.</summary>
    EarlyStopping,
}

/// <summary>The trained model and how it got there.</summary>
/// <param name="Model">
/// The model with the best epoch's weights (<paramref name="BestEpoch"/>, by <see cref="TrainConfig.EarlyStopping"/>,
/// the validation loss by default); without validation, the last epoch's.
/// </param>
/// <param name="History">Every epoch, including those of a resumed run.</param>
/// <param name="CheckpointPath">The last epoch's checkpoint (<see cref="Checkpoint.LoadWeights"/> restores its weights; <see cref="TrainOptions.Resume"/> continues from it).</param>
/// <param name="BestCheckpointPath">The best epoch's weights (<c>model.load(path)</c> restores them); null without validation.</param>
/// <param name="Elapsed">Wall time of this call.</param>
/// <param name="BestEpoch">The epoch whose weights <paramref name="Model"/> holds; null without validation (the last epoch's).</param>
/// <param name="Validation">The validation loss, metrics and confusion matrix of <paramref name="Model"/>; null without validation.</param>
public sealed record TrainingResult<TModel>(
    TModel Model,
    IReadOnlyList<EpochMetrics> History,
    string CheckpointPath,
    string? BestCheckpointPath,
    StopReason StopReason,
    TimeSpan Elapsed,
    int? BestEpoch = null,
    Evaluation? Validation = null)
    where TModel : torch.nn.Module
{
    public EpochMetrics Final => History[^1];

    /// <summary>
    /// The loss and metrics of <see cref="Model"/> on the test samples (<see cref="TrainConfig.TestSplit"/>), evaluated once
    /// after training; null without a test split.
    /// </summary>
    public Evaluation? Test { get; init; }

    /// <summary>Class index → name when the data had class names (also saved in the checkpoint's <see cref="DataPreparation"/> sidecar); null otherwise.</summary>
    public ClassLabels? Classes { get; init; }
}
