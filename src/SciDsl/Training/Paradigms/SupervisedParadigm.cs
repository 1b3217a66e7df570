using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;

namespace SciDsl;

/// <summary>Plain supervised learning: one model, one optimizer, a loss between its output and the labels.</summary>
internal sealed class SupervisedParadigm(
    TrainConfig config,
    torch.nn.Module<torch.Tensor, torch.Tensor> model,
    string modelName,
    string source,
    DatasetSignature signature,
    DataSplit split,
    OptimizerHelper optimizer) : ITrainingParadigm<long[]>
{
    private readonly bool classifies = config.Loss == Loss.CrossEntropy;
    private readonly torch.Tensor? classWeights = config.ClassWeights is { } weights ? torch.tensor(weights.Select(w => (float)w).ToArray()) : null;
    private bool outputChecked;

    public IReadOnlyList<torch.nn.Module> Modules { get; } = [model];
    public IReadOnlyList<OptimizerHelper> Optimizers { get; } = [optimizer];
    public int TrainBatchCount => split.TrainBatchCount(config.BatchSize);

    public void StartEpoch(int epoch) => model.train();

    public IEnumerable<long[]> TrainBatches(int epoch) => split.TrainBatches(epoch, config.BatchSize);

    public BatchResult TrainStep(long[] batch, TrainingStep step)
    {
        var index = torch.tensor(batch);
        var targets = split.TrainTargets.index_select(0, index);
        var inputs = split.TrainFeatures.index_select(0, index);
        if (config.Augmentation is not null || config.Mixing is not null)
        {
            // A generator of its own per batch: the same batch of the same epoch is augmented alike after a resume.
            using var generator = new torch.Generator((ulong)AugmentationSeed(config.Seed, step.Epoch, step.Batch));
            if (config.Augmentation is { } augmentation) inputs = augmentation.Apply(inputs, generator);
            if (config.Mixing is { } mixing) return MixedStep(mixing.Apply(inputs, targets, signature.TargetSize, generator), step);
        }
        var output = Forward(inputs);
        double loss = step.Minimise(optimizer, LossOf(output, targets), model.parameters());
        return new BatchResult(loss, batch.Length, CorrectOf(output, targets));
    }

    private BatchResult MixedStep(MixedBatch mixed, TrainingStep step)
    {
        var soft = config.LabelSmoothing > 0 ? mixed.Targets * (1 - config.LabelSmoothing) + config.LabelSmoothing / signature.TargetSize : mixed.Targets;
        var output = Forward(mixed.Inputs);
        double loss = step.Minimise(optimizer, SoftTargets.CrossEntropy(output, soft), model.parameters());
        // Accuracy on a mixed batch counts a prediction right when it names the label with the larger share (λ or 1-λ).
        return new BatchResult(loss, output.shape[0], CorrectOf(output, mixed.Targets.argmax(1)));
    }

    /// <summary>A fixed mix of seed, epoch and batch (1-based), so each training batch draws its own augmentation.</summary>
    internal static long AugmentationSeed(int seed, int epoch, int batch) =>
        unchecked((long)DataSplit.EpochSeed(seed, epoch) * 1_000_003 + batch) & long.MaxValue;

    public Evaluation? Validate()
    {
        if (split.ValidationFeatures is not { } features || split.ValidationTargets is not { } allTargets) return null;
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        double lossSum = 0;
        long count = features.shape[0];
        var outputs = new List<torch.Tensor>();
        for (long start = 0; start < count; start += config.BatchSize)
        {
            long length = Math.Min(config.BatchSize, count - start);
            var output = Forward(features.narrow(0, start, length));
            lossSum += LossOf(output, allTargets.narrow(0, start, length)).item<float>() * length;
            outputs.Add(output);
        }
        return SupervisedMetrics.Evaluate(config.Loss, lossSum / count, torch.cat(outputs, 0), allTargets, signature.TargetSize);
    }

    public JsonElement? SaveState() => null;

    public void RestoreState(JsonElement? state)
    {
    }

    private long? CorrectOf(torch.Tensor output, torch.Tensor targets) =>
        classifies ? output.argmax(1).eq(targets).sum().item<long>() : null;

    private torch.Tensor Forward(torch.Tensor features)
    {
        var output = model.forward(features);
        if (!outputChecked) CheckOutput(output);
        outputChecked = true;
        return output;
    }

    /// <summary>A clear message instead of a libtorch error inside the loss when the model's head does not fit the targets.</summary>
    private void CheckOutput(torch.Tensor output)
    {
        if (output.dim() == 2 && output.shape[1] == signature.TargetSize) return;
        string wanted = classifies ? $"{signature.TargetSize} class logits" : $"{signature.TargetSize} values";
        throw new InvalidOperationException(
            $"{modelName} outputs [{string.Join(", ", output.shape)}] per batch, but {source}'s targets need [B, {signature.TargetSize}] ({wanted}).");
    }

    private torch.Tensor LossOf(torch.Tensor output, torch.Tensor targets) => config.Loss switch
    {
        Loss.CrossEntropy => torch.nn.functional.cross_entropy(output, targets, classWeights, label_smoothing: config.LabelSmoothing),
        Loss.L1 => torch.nn.functional.l1_loss(output, targets),
        Loss.Huber => torch.nn.functional.huber_loss(output, targets, config.HuberDelta),
        Loss.BCEWithLogits => torch.nn.functional.binary_cross_entropy_with_logits(output, targets),
        _ => torch.nn.functional.mse_loss(output, targets),
    };
}
