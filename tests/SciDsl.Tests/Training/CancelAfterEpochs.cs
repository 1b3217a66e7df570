using static SciDsl.Tests.Training.TrainingAssertions;

namespace SciDsl.Tests.Training;

/// <summary>Plain progress lines that cancel the run once the given number of epochs has finished (and been checkpointed).</summary>
internal sealed class CancelAfterEpochs(int epochs, CancellationTokenSource cancel) : TextWriter
{
    private int finished;

    public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

    public override void WriteLine(string? value)
    {
        if (value?.StartsWith("epoch ", StringComparison.Ordinal) == true && ++finished == epochs) cancel.Cancel();
    }

    /// <summary>Runs <paramref name="train"/> cancelled after <paramref name="epochs"/> epochs, then resumed from its checkpoint; returns the resumed run.</summary>
    public static TResult InterruptedThenResumed<TResult>(string checkpoint, int epochs, Func<TrainOptions, TResult> train)
    {
        using var cancel = new CancellationTokenSource();
        var interrupted = new TrainOptions
        {
            CheckpointPath = checkpoint, Progress = ProgressMode.Plain, Log = new CancelAfterEpochs(epochs, cancel), Cancellation = cancel.Token,
        };
        Assert.ThrowsAny<OperationCanceledException>(() => train(interrupted));
        return train(Quiet(checkpoint, resume: true));
    }
}
