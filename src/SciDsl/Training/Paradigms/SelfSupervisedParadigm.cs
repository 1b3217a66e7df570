using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;

namespace SciDsl;

/// <summary>
/// Self-supervised learning on unlabelled samples. The model returns (representation, head output); the objective on
/// the head output is the <see cref="SelfSupervisedSettings.Method"/>'s: NT-Xent between two augmented views
/// (contrastive), mean squared reconstruction error of the clean input (autoencoder, denoising), or cross-entropy of
/// the original tokens at masked positions (masked). Every random draw (views, noise, masks) comes from a generator
/// seeded by (seed, epoch, batch), so a resumed run is bit-identical; validation draws from a fixed seed so its loss
/// compares across epochs.
/// </summary>
internal sealed class SelfSupervisedParadigm(
    TrainConfig config,
    torch.nn.Module<torch.Tensor, (torch.Tensor, torch.Tensor)> model,
    string modelName,
    SelfSupervisedSettings settings,
    torch.Tensor train,
    torch.Tensor? validation,
    OptimizerHelper optimizer) : ITrainingParadigm<long[]>
{
    private bool headChecked;

    public IReadOnlyList<torch.nn.Module> Modules { get; } = [model];
    public IReadOnlyList<OptimizerHelper> Optimizers { get; } = [optimizer];
    public int TrainBatchCount => (int)((train.shape[0] + config.BatchSize - 1) / config.BatchSize);

    public void StartEpoch(int epoch) => model.train();

    public IEnumerable<long[]> TrainBatches(int epoch)
    {
        long[] order = DataSplit.Permutation((int)train.shape[0], new Random(DataSplit.EpochSeed(config.Seed, epoch)));
        for (int start = 0; start < order.Length; start += config.BatchSize)
            yield return order[start..Math.Min(start + config.BatchSize, order.Length)];
    }

    public BatchResult TrainStep(long[] batch, TrainingStep step)
    {
        var samples = DataSplit.Rows(train, batch);
        using var generator = new torch.Generator((ulong)SupervisedParadigm.AugmentationSeed(config.Seed, step.Epoch, step.Batch));
        double loss = step.Minimise(optimizer, Objective(samples, generator), model.parameters());
        return new BatchResult(loss, batch.Length);
    }

    public Evaluation? Validate()
    {
        if (validation is null) return null;
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator((ulong)config.Seed);
        double lossSum = 0;
        long count = validation.shape[0];
        for (long start = 0; start < count; start += config.BatchSize)
        {
            long length = Math.Min(config.BatchSize, count - start);
            lossSum += Objective(validation.narrow(0, start, length), generator).item<float>() * length;
        }
        return new Evaluation(lossSum / count, new Dictionary<string, double>());
    }

    // Every random draw is seeded by (seed, epoch, batch), which the loop restores.
    public JsonElement? SaveState() => null;

    public void RestoreState(JsonElement? state)
    {
    }

    /// <summary>The method's loss on a batch of unlabelled samples.</summary>
    private torch.Tensor Objective(torch.Tensor samples, torch.Generator generator)
    {
        switch (settings.Method)
        {
            case SelfSupervisedMethod.Contrastive:
                var views = config.Augmentation!;
                // Both views in one forward pass, so batch statistics (BatchNorm) see them together, as in SimCLR.
                var (_, projections) = model.forward(torch.cat([views.Apply(samples, generator), views.Apply(samples, generator)], 0));
                CheckHead(projections, samples, "its projection head output must be [2B, D]", projections.dim() == 2);
                var halves = projections.chunk(2, 0);
                return NtXent(halves[0], halves[1], settings.Temperature);
            case SelfSupervisedMethod.Masked:
                return MaskedTokenLoss(samples, generator);
            default:
                var input = settings.Method == SelfSupervisedMethod.Denoising
                    ? samples + (settings.NoiseLevel * torch.randn(samples.shape, generator: generator)).to(samples.device)
                    : samples;
                var (_, reconstruction) = model.forward(input);
                CheckHead(reconstruction, samples, "its decoder must reconstruct the input's shape",
                    reconstruction.shape.SequenceEqual(samples.shape));
                return torch.nn.functional.mse_loss(reconstruction, samples);
        }
    }

    private torch.Tensor MaskedTokenLoss(torch.Tensor tokens, torch.Generator generator)
    {
        var masked = torch.rand(tokens.shape, generator: generator).lt(settings.MaskFraction).to(tokens.device);
        var (_, logits) = model.forward(tokens.masked_fill(masked, settings.MaskToken));
        CheckHead(logits, tokens, "its predictor must give token logits [B, T, vocabulary]",
            logits.dim() == 3 && logits.shape[0] == tokens.shape[0] && logits.shape[1] == tokens.shape[1]);
        var perPosition = torch.nn.functional.cross_entropy(
            logits.reshape(-1, logits.shape[2]), tokens.reshape(-1), reduction: torch.nn.Reduction.None);
        var weights = masked.reshape(-1).to_type(torch.ScalarType.Float32);
        // Mean over the masked positions; a batch that drew none contributes 0 rather than 0/0.
        return (perPosition * weights).sum() / weights.sum().clamp_min(1);
    }

    /// <summary>
    /// NT-Xent (Chen et al., 2020): for each of the 2N projections, cross-entropy of its cosine similarities / τ to the
    /// 2N − 1 others, with its other view as the right answer.
    /// </summary>
    internal static torch.Tensor NtXent(torch.Tensor first, torch.Tensor second, double temperature)
    {
        long n = first.shape[0];
        var z = torch.nn.functional.normalize(torch.cat([first, second], 0), p: 2, dim: 1);
        var similarity = z.mm(z.t()) / temperature;
        // A sample is not its own candidate.
        similarity = similarity.masked_fill(torch.eye(2 * n, dtype: torch.ScalarType.Bool, device: z.device), double.NegativeInfinity);
        var partners = torch.cat([torch.arange(n, 2 * n, device: z.device), torch.arange(0, n, device: z.device)], 0);
        return torch.nn.functional.cross_entropy(similarity, partners);
    }

    /// <summary>A clear message instead of a libtorch error inside the loss when the model's head does not fit the method.</summary>
    private void CheckHead(torch.Tensor head, torch.Tensor samples, string requirement, bool fits)
    {
        if (headChecked) return;
        if (!fits)
            throw new InvalidOperationException(
                $"{modelName} returns [{string.Join(", ", head.shape)}] as its second output for a batch of [{string.Join(", ", samples.shape)}], " +
                $"but SelfSupervisedMethod.{settings.Method} needs more: {requirement}.");
        headChecked = true;
    }
}
