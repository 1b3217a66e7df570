namespace SciDsl;

/// <summary>The loss became NaN or infinite; training stopped without overwriting the last good checkpoint.</summary>
public sealed class TrainingDivergedException(int epoch, int batch, double loss, string? lastGoodCheckpoint)
    : Exception(
        $"Training diverged in epoch {epoch}, batch {batch}: the loss is {loss}. " +
        "Try a lower learning rate (or gradient clipping) and check the inputs for NaN, infinite or unscaled values. " +
        (lastGoodCheckpoint is null ? "No checkpoint was written by this run yet." : $"The last good checkpoint is '{lastGoodCheckpoint}'."))
{
    public int Epoch { get; } = epoch;
    /// <summary>1-based batch within the epoch; 0 when the validation loss diverged.</summary>
    public int Batch { get; } = batch;
    public double Loss { get; } = loss;
    public string? LastGoodCheckpoint { get; } = lastGoodCheckpoint;
}
