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
}
