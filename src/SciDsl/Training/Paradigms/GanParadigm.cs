using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;

namespace SciDsl;

/// <summary>
/// A GAN (Goodfellow et al., 2014) with the non-saturating generator loss: per batch of real samples, one discriminator
/// step on BCE(D(real), 1) + BCE(D(G(z)), 0), then one generator step on BCE(D(G(z)), 1) with the same z, the logits
/// from the updated discriminator. The reported training loss is the generator's; the discriminator's mean loss per
/// epoch is kept in the paradigm state, so a resumed run reports the same.
/// </summary>
internal sealed class GanParadigm(
    TrainConfig config,
    torch.nn.Module<torch.Tensor, torch.Tensor> generator,
    torch.nn.Module<torch.Tensor, torch.Tensor> discriminator,
    string discriminatorName,
    int latentSize,
    DataSplit split,
    OptimizerHelper generatorOptimizer,
    OptimizerHelper discriminatorOptimizer) : ITrainingParadigm<long[]>
{
    private List<double> completedDiscriminatorLosses = [];
    private double discriminatorLossSum;
    private long samples;
    private bool outputChecked;

    public IReadOnlyList<torch.nn.Module> Modules { get; } = [generator, discriminator];
    public IReadOnlyList<OptimizerHelper> Optimizers { get; } = [generatorOptimizer, discriminatorOptimizer];
    public int TrainBatchCount => split.TrainBatchCount(config.BatchSize);

    /// <summary>The discriminator's mean training loss per epoch so far.</summary>
    public IReadOnlyList<double> DiscriminatorLosses =>
        samples == 0 ? completedDiscriminatorLosses : [.. completedDiscriminatorLosses, discriminatorLossSum / samples];

    public void StartEpoch(int epoch)
    {
        completedDiscriminatorLosses = [.. DiscriminatorLosses];
        (discriminatorLossSum, samples) = (0, 0);
        generator.train();
        discriminator.train();
    }

    public IEnumerable<long[]> TrainBatches(int epoch) => split.TrainBatches(epoch, config.BatchSize);

    public BatchResult TrainStep(long[] batch, TrainingStep step)
    {
        var real = DataSplit.Rows(split.TrainFeatures, batch);
        var fake = generator.forward(torch.randn(batch.Length, latentSize, device: real.device));
        var realLogits = Discriminate(real);
        var discriminatorLoss = BinaryCrossEntropy(realLogits, 1) + BinaryCrossEntropy(Discriminate(fake.detach()), 0);
        discriminatorLossSum += step.Minimise(discriminatorOptimizer, discriminatorLoss, discriminator.parameters()) * batch.Length;
        samples += batch.Length;
        // Non-saturating: maximise log D(G(z)) rather than minimise log(1 - D(G(z))), which has no gradient while D wins.
        double generatorLoss = step.Minimise(generatorOptimizer, BinaryCrossEntropy(Discriminate(fake), 1), generator.parameters());
        return new BatchResult(generatorLoss, batch.Length);
    }

    private static torch.Tensor BinaryCrossEntropy(torch.Tensor logits, float target) =>
        torch.nn.functional.binary_cross_entropy_with_logits(logits, torch.full_like(logits, target));

    private torch.Tensor Discriminate(torch.Tensor samples)
    {
        var logits = discriminator.forward(samples);
        if (!outputChecked && !(logits.dim() == 2 && logits.shape[1] == 1))
            throw new InvalidOperationException(
                $"{discriminatorName} outputs [{string.Join(", ", logits.shape)}] per batch; a GAN's discriminator outputs one logit per sample, [B, 1].");
        outputChecked = true;
        return logits;
    }

    // No loss says which epoch's generator is best, so there is no validation and the last epoch's generator is returned.
    public Evaluation? Validate() => null;

    public JsonElement? SaveState() => JsonSerializer.SerializeToElement(DiscriminatorLosses);

    public void RestoreState(JsonElement? state)
    {
        completedDiscriminatorLosses = state?.Deserialize<List<double>>() ?? [];
        (discriminatorLossSum, samples) = (0, 0);
    }
}
