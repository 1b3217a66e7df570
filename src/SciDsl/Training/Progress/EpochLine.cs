using System.Globalization;
using System.Text;

namespace SciDsl;

/// <summary>Formats metrics as one invariant-culture line: <c>epoch 3/10  train loss 0.4123  acc 0.912  val loss 0.3890  acc 0.925  (1.2 s)</c>.</summary>
internal static class EpochLine
{
    public static string Format(EpochMetrics m, int totalEpochs) =>
        Summary(m, totalEpochs) + string.Create(CultureInfo.InvariantCulture, $"  ({m.Elapsed.TotalSeconds:0.0} s)");

    /// <summary>The line without the time, for the bar (whose own column shows the time).</summary>
    public static string Summary(EpochMetrics m, int totalEpochs)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"epoch {m.Epoch}/{totalEpochs}  train loss {m.TrainLoss:0.0000}");
        if (m.TrainAccuracy is { } trainAcc) line.Append(CultureInfo.InvariantCulture, $"  acc {trainAcc:0.000}");
        if (m.ValidationLoss is { } validLoss) line.Append(CultureInfo.InvariantCulture, $"  val loss {validLoss:0.0000}");
        if (m.ValidationAccuracy is { } validAcc) line.Append(CultureInfo.InvariantCulture, $"  acc {validAcc:0.000}");
        return line.ToString();
    }

    /// <summary>The live part shown while an epoch runs.</summary>
    public static string Running(int epoch, int totalEpochs, double loss, double? accuracy) =>
        accuracy is { } acc
            ? string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{totalEpochs}  loss {loss:0.0000}  acc {acc:0.000}")
            : string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{totalEpochs}  loss {loss:0.0000}");
}
