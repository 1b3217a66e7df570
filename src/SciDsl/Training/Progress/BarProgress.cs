using Spectre.Console;

namespace SciDsl;

/// <summary>A Spectre.Console progress bar per epoch whose description shows the running loss and accuracy.</summary>
internal sealed class BarProgress(IAnsiConsole console, ProgressContext context) : ITrainingProgress
{
    private ProgressTask? task;
    private int epoch, totalEpochs;

    public void EpochStarted(int epoch, int totalEpochs, int batches)
    {
        (this.epoch, this.totalEpochs) = (epoch, totalEpochs);
        task = context.AddTask(Markup.Escape($"epoch {epoch}/{totalEpochs}"), maxValue: batches);
    }

    public void BatchCompleted(double runningLoss, double? runningAccuracy)
    {
        if (task is null) return;
        task.Description = Markup.Escape(EpochLine.Running(epoch, totalEpochs, runningLoss, runningAccuracy));
        task.Increment(1);
    }

    public void EpochCompleted(EpochMetrics metrics, int totalEpochs)
    {
        if (task is null) return;
        task.Description = Markup.Escape(EpochLine.Summary(metrics, totalEpochs));
        task.Value = task.MaxValue;
        task.StopTask();
    }

    public void Note(string text) => console.MarkupLine(Markup.Escape(text));
}
