using TorchSharp;

namespace SciDsl;

/// <summary>
/// Each epoch's losses and metrics as TensorBoard scalars (<see cref="TrainOptions.TensorBoardDirectory"/>), with the
/// epoch as the step: <c>train/loss</c>, <c>train/accuracy</c>, <c>val/loss</c> and <c>val/</c> + each validation metric.
/// </summary>
internal sealed class TensorBoardLog(string directory)
{
    private readonly TorchSharp.Modules.SummaryWriter writer = torch.utils.tensorboard.SummaryWriter(Path.GetFullPath(directory));

    public void Record(EpochMetrics metrics)
    {
        writer.add_scalar("train/loss", (float)metrics.TrainLoss, metrics.Epoch);
        if (metrics.TrainAccuracy is { } accuracy) writer.add_scalar("train/accuracy", (float)accuracy, metrics.Epoch);
        foreach (var (name, value) in metrics.Metrics ?? new Dictionary<string, double>())
            writer.add_scalar(name.StartsWith("val_", StringComparison.Ordinal) ? "val/" + name["val_".Length..] : name, (float)value, metrics.Epoch);
    }
}
