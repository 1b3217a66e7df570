namespace SciDsl;

/// <summary>Receives training events to show them; implementations must not throw.</summary>
internal interface ITrainingProgress
{
    void EpochStarted(int epoch, int totalEpochs, int batches);

    /// <summary>After each training batch, with the epoch's running mean loss and accuracy so far.</summary>
    void BatchCompleted(double runningLoss, double? runningAccuracy);

    void EpochCompleted(EpochMetrics metrics, int totalEpochs);

    /// <summary>A one-off note such as "resumed from epoch 3".</summary>
    void Note(string text);
}
