using TorchSharp;
using TorchSharp.Modules;

namespace SciDsl;

/// <summary>What a paradigm's <see cref="ITrainingParadigm{TBatch}.TrainStep"/> uses to update weights safely.</summary>
internal sealed class TrainingStep(int epoch, int batch, double? gradientClipNorm, string? lastGoodCheckpoint)
{
    public int Epoch => epoch;

    /// <summary>1-based within the epoch.</summary>
    public int Batch => batch;

    /// <summary>
    /// Checks <paramref name="loss"/> is finite (else throws <see cref="TrainingDivergedException"/> before any weight
    /// changes), then zeroes gradients, back-propagates, clips the gradients of <paramref name="parameters"/> to
    /// <see cref="TrainOptions.GradientClipNorm"/> and steps <paramref name="optimizer"/>. Returns the loss's value.
    /// </summary>
    public double Minimise(OptimizerHelper optimizer, torch.Tensor loss, IEnumerable<Parameter> parameters)
    {
        double value = CheckFinite(loss);
        optimizer.zero_grad();
        loss.backward();
        if (gradientClipNorm is { } maxNorm) torch.nn.utils.clip_grad_norm_(parameters, maxNorm);
        optimizer.step();
        return value;
    }

    /// <summary>The loss's value; throws <see cref="TrainingDivergedException"/> when it is NaN or infinite.</summary>
    public double CheckFinite(torch.Tensor loss)
    {
        double value = loss.item<float>();
        if (!double.IsFinite(value)) throw new TrainingDivergedException(epoch, batch, value, lastGoodCheckpoint);
        return value;
    }
}
