namespace SciDsl;

/// <summary>One line per epoch, for logs and redirected output.</summary>
internal sealed class PlainProgress(TextWriter log) : ITrainingProgress
{
    public void EpochStarted(int epoch, int totalEpochs, int batches) { }

    public void BatchCompleted(double runningLoss, double? runningAccuracy) { }

    public void EpochCompleted(EpochMetrics metrics, int totalEpochs)
    {
        log.WriteLine(EpochLine.Format(metrics, totalEpochs));
        log.Flush();
    }

    public void Note(string text) => log.WriteLine(text);
}

/// <summary>Shows nothing (<see cref="ProgressMode.None"/>).</summary>
internal sealed class SilentProgress : ITrainingProgress
{
    public void EpochStarted(int epoch, int totalEpochs, int batches) { }
    public void BatchCompleted(double runningLoss, double? runningAccuracy) { }
    public void EpochCompleted(EpochMetrics metrics, int totalEpochs) { }
    public void Note(string text) { }
}
