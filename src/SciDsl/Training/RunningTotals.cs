using TorchSharp;

namespace SciDsl;

/// <summary>Sample-weighted mean loss and accuracy over the batches of one pass.</summary>
internal sealed class RunningTotals(bool countCorrect)
{
    private double lossSum;
    private long samples, correct;

    public double MeanLoss => samples == 0 ? double.NaN : lossSum / samples;
    public double? Accuracy => countCorrect && samples > 0 ? (double)correct / samples : null;

    /// <param name="meanLoss">The batch's mean loss.</param>
    public void Add(double meanLoss, torch.Tensor output, torch.Tensor targets)
    {
        long batchSize = targets.shape[0];
        lossSum += meanLoss * batchSize;
        samples += batchSize;
        if (countCorrect) correct += output.argmax(1).eq(targets).sum().item<long>();
    }
}
