using TorchSharp;

namespace SciDsl;

/// <summary>Why a training run ended.</summary>
public enum StopReason
{
    /// <summary>All epochs ran.</summary>
    Completed,
    /// <summary><see cref="TrainOptions.EarlyStoppingPatience"/> epochs passed without improvement.</summary>
    EarlyStopping,
}

/// <summary>The trained model and how it got there.</summary>
/// <param name="Model">The model after the last epoch (the best-validation weights are in <paramref name="BestCheckpointPath"/>).</param>
/// <param name="History">Every epoch, including those of a resumed run.</param>
/// <param name="CheckpointPath">The last epoch's checkpoint (<see cref="Checkpoint.LoadWeights"/> restores its weights; <see cref="TrainOptions.Resume"/> continues from it).</param>
/// <param name="BestCheckpointPath">The weights with the lowest validation loss (<c>model.load(path)</c> restores them); null without validation.</param>
/// <param name="Elapsed">Wall time of this call.</param>
public sealed record TrainingResult<TModel>(
    TModel Model,
    IReadOnlyList<EpochMetrics> History,
    string CheckpointPath,
    string? BestCheckpointPath,
    StopReason StopReason,
    TimeSpan Elapsed)
    where TModel : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    public EpochMetrics Final => History[^1];

    /// <summary>Class index → name when the data had class names (also saved in the checkpoint's <see cref="DataPreparation"/> sidecar); null otherwise.</summary>
    public ClassLabels? Classes { get; init; }
}
