using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;

namespace SciDsl;

/// <summary>
/// A variational autoencoder (Kingma &amp; Welling, 2014): each step minimises the negative ELBO per sample,
/// reconstruction + β(epoch)·KL(q(z|x) ‖ N(0, I)), with the reconstruction summed over the sample's values
/// (squared error for <see cref="Loss.MSE"/>, binary cross-entropy on logits for <see cref="Loss.BCEWithLogits"/>).
/// Validation reports the full-β loss and both terms (<c>reconstruction</c>, <c>kl</c>), in eval mode (z = mean).
/// </summary>
internal sealed class VaeParadigm<TModel>(
    TrainConfig config,
    TModel model,
    Func<TModel, torch.Tensor, VaeOutputs> forward,
    string modelName,
    DataSplit split,
    VaeSettings settings,
    OptimizerHelper optimizer) : ITrainingParadigm<long[]>
    where TModel : torch.nn.Module
{
    private double beta;
    private bool outputsChecked;

    public IReadOnlyList<torch.nn.Module> Modules { get; } = [model];
    public IReadOnlyList<OptimizerHelper> Optimizers { get; } = [optimizer];
    public int TrainBatchCount => split.TrainBatchCount(config.BatchSize);

    public void StartEpoch(int epoch)
    {
        beta = settings.BetaAt(epoch);
        model.train();
    }

    public IEnumerable<long[]> TrainBatches(int epoch) => split.TrainBatches(epoch, config.BatchSize);

    public BatchResult TrainStep(long[] batch, TrainingStep step)
    {
        var (reconstruction, kl) = Terms(DataSplit.Rows(split.TrainFeatures, batch));
        double loss = step.Minimise(optimizer, reconstruction + beta * kl, model.parameters());
        return new BatchResult(loss, batch.Length);
    }

    public Evaluation? Validate()
    {
        if (split.ValidationFeatures is not { } features) return null;
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        double reconstructionSum = 0, klSum = 0;
        long count = features.shape[0];
        for (long start = 0; start < count; start += config.BatchSize)
        {
            long length = Math.Min(config.BatchSize, count - start);
            var (reconstruction, kl) = Terms(features.narrow(0, start, length));
            reconstructionSum += reconstruction.item<float>() * length;
            klSum += kl.item<float>() * length;
        }
        double meanReconstruction = reconstructionSum / count, meanKl = klSum / count;
        return new Evaluation(meanReconstruction + settings.Beta * meanKl,
            new Dictionary<string, double> { ["reconstruction"] = meanReconstruction, ["kl"] = meanKl });
    }

    /// <summary>The batch's mean reconstruction loss and mean KL divergence per sample.</summary>
    private (torch.Tensor Reconstruction, torch.Tensor Kl) Terms(torch.Tensor inputs)
    {
        var outputs = forward(model, inputs);
        if (!outputsChecked) CheckOutputs(outputs, inputs);
        outputsChecked = true;
        long batch = inputs.shape[0];
        var reconstruction = config.Loss == Loss.BCEWithLogits
            ? torch.nn.functional.binary_cross_entropy_with_logits(outputs.Reconstruction, inputs, reduction: torch.nn.Reduction.Sum)
            : torch.nn.functional.mse_loss(outputs.Reconstruction, inputs, torch.nn.Reduction.Sum);
        var logVariance = outputs.LogVariance;
        var kl = -0.5 * (1 + logVariance - outputs.Mean.pow(2) - logVariance.exp()).sum();
        return (reconstruction / batch, kl / batch);
    }

    /// <summary>A clear message instead of a libtorch broadcasting error when the outputs do not fit the data.</summary>
    private void CheckOutputs(VaeOutputs outputs, torch.Tensor inputs)
    {
        static string Shape(torch.Tensor t) => $"[{string.Join(", ", t.shape)}]";
        if (!outputs.Reconstruction.shape.SequenceEqual(inputs.shape))
            throw new InvalidOperationException(
                $"{modelName}'s reconstruction is {Shape(outputs.Reconstruction)} for a batch {Shape(inputs)}; a VAE must reconstruct its input's shape.");
        if (!outputs.Mean.shape.SequenceEqual(outputs.LogVariance.shape))
            throw new InvalidOperationException(
                $"{modelName}'s mean is {Shape(outputs.Mean)} but its log-variance {Shape(outputs.LogVariance)}; give both heads the same width.");
    }

    // β depends only on the epoch, which the loop restores.
    public JsonElement? SaveState() => null;

    public void RestoreState(JsonElement? state)
    {
    }
}
