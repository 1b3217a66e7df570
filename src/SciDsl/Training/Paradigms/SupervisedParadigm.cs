using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;

namespace SciDsl;

/// <summary>
/// Plain supervised learning: one model, one optimizer, a loss between its output and the labels. Class targets may
/// label each sample, pixel or node (<see cref="DatasetSignature.Per"/>); -1 marks a pixel or node left out.
/// </summary>
/// <param name="forward">The model applied to one batch's inputs, in declaration order (a graph's <c>x</c>, then <c>adj</c>).</param>
internal sealed class SupervisedParadigm(
    TrainConfig config,
    torch.nn.Module model,
    Func<torch.Tensor[], torch.Tensor> forward,
    string modelName,
    string source,
    DatasetSignature signature,
    DataSplit split,
    OptimizerHelper optimizer) : ITrainingParadigm<long[]>
{
    /// <summary>A single-input model, as every paradigm built on this one trains.</summary>
    public SupervisedParadigm(
        TrainConfig config, torch.nn.Module<torch.Tensor, torch.Tensor> model, string modelName, string source, DatasetSignature signature,
        DataSplit split, OptimizerHelper optimizer)
        : this(config, model, inputs => model.forward(inputs[0]), modelName, source, signature, split, optimizer)
    {
    }

    /// <summary>What -1 in a per-pixel or per-node target means: no label there.</summary>
    private const long Unlabelled = -1;
    private readonly bool classifies = config.Loss is Loss.CrossEntropy or Loss.Dice;
    private readonly bool perPosition = signature.Per != TargetScope.Sample;
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
        var inputs = split.TrainInputs.Select(input => input.index_select(0, index)).ToArray();
        if (config.Augmentation is not null || config.Mixing is not null)
        {
            // A generator of its own per batch: the same batch of the same epoch is augmented alike after a resume.
            using var generator = new torch.Generator((ulong)AugmentationSeed(config.Seed, step.Epoch, step.Batch));
            if (config.Augmentation is { } augmentation) inputs[0] = augmentation.Apply(inputs[0], generator);
            if (config.Mixing is { } mixing) return MixedStep(mixing.Apply(inputs[0], targets, signature.TargetSize, generator), step);
        }
        var output = Forward(inputs, targets);
        double loss = step.Minimise(optimizer, LossOf(output, targets), model.parameters());
        return new BatchResult(loss, batch.Length, CorrectOf(output, targets));
    }

    private BatchResult MixedStep(MixedBatch mixed, TrainingStep step)
    {
        var soft = config.LabelSmoothing > 0 ? mixed.Targets * (1 - config.LabelSmoothing) + config.LabelSmoothing / signature.TargetSize : mixed.Targets;
        var output = Forward([mixed.Inputs], mixed.Targets.argmax(1));
        double loss = step.Minimise(optimizer, SoftTargets.CrossEntropy(output, soft), model.parameters());
        // Accuracy on a mixed batch counts a prediction right when it names the label with the larger share (λ or 1-λ).
        return new BatchResult(loss, output.shape[0], CorrectOf(output, mixed.Targets.argmax(1)));
    }

    /// <summary>A fixed mix of seed, epoch and batch (1-based), so each training batch draws its own augmentation.</summary>
    internal static long AugmentationSeed(int seed, int epoch, int batch) =>
        unchecked((long)DataSplit.EpochSeed(seed, epoch) * 1_000_003 + batch) & long.MaxValue;

    public Evaluation? Validate() =>
        split.ValidationInputs is { } inputs && split.ValidationTargets is { } targets ? Evaluate(inputs, targets) : null;

    /// <summary>The held-out test samples' loss and metrics with the model's current weights; null without a test split.</summary>
    public Evaluation? Test() =>
        split.TestInputs is { } inputs && split.TestTargets is { } targets ? Evaluate(inputs, targets) : null;

    private Evaluation Evaluate(torch.Tensor[] inputs, torch.Tensor allTargets)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        double lossSum = 0;
        long count = allTargets.shape[0];
        var outputs = new List<torch.Tensor>();
        for (long start = 0; start < count; start += config.BatchSize)
        {
            long length = Math.Min(config.BatchSize, count - start);
            var targets = allTargets.narrow(0, start, length);
            var output = Forward(inputs.Select(input => input.narrow(0, start, length)).ToArray(), targets);
            lossSum += LossOf(output, targets).item<float>() * length;
            outputs.Add(output);
        }
        return SupervisedMetrics.Evaluate(config.Loss, lossSum / count, ClassesLast(torch.cat(outputs, 0)), allTargets, signature.TargetSize);
    }

    public JsonElement? SaveState() => null;

    public void RestoreState(JsonElement? state)
    {
    }

    /// <summary>Training accuracy counts samples; per pixel or node it is left to the validation metrics.</summary>
    private long? CorrectOf(torch.Tensor output, torch.Tensor targets) =>
        classifies && !perPosition ? output.argmax(1).eq(targets).sum().item<long>() : null;

    private torch.Tensor Forward(torch.Tensor[] inputs, torch.Tensor targets)
    {
        var output = forward(inputs);
        if (!outputChecked) CheckOutput(output, targets);
        outputChecked = true;
        return output;
    }

    /// <summary>A clear message instead of a libtorch error inside the loss when the model's head does not fit the targets.</summary>
    private void CheckOutput(torch.Tensor output, torch.Tensor targets)
    {
        long batch = targets.shape[0], size = signature.TargetSize;
        // Per pixel the logits are channels, [B, K, H, W], as convolutions give them; per node the last dim, [B, nodes, K].
        var (wanted, what) = (classifies, signature.Per) switch
        {
            (true, TargetScope.Pixel) => (new[] { batch, size, targets.shape[1], targets.shape[2] }, $"{size} class logits per pixel"),
            (true, TargetScope.Node) => (new[] { batch, targets.shape[1], size }, $"{size} class logits per node"),
            (true, _) => (new[] { batch, size }, $"{size} class logits"),
            _ => (new[] { batch, size }, $"{size} values"),
        };
        if (output.shape.SequenceEqual(wanted)) return;
        throw new InvalidOperationException(
            $"{modelName} outputs [{string.Join(", ", output.shape)}] per batch, " +
            $"but {source}'s targets need [B, {string.Join(", ", wanted.Skip(1))}] ({what}).");
    }

    /// <summary>Per node the class logits are the last dim; the losses want them in dim 1, where the other scopes have them.</summary>
    private torch.Tensor ClassesFirst(torch.Tensor output) => signature.Per == TargetScope.Node ? output.permute(0, 2, 1) : output;

    /// <summary>One row of class logits per sample, pixel or node: what the metrics take.</summary>
    private torch.Tensor ClassesLast(torch.Tensor output) => (classifies, signature.Per) switch
    {
        (true, TargetScope.Pixel) => output.permute(0, 2, 3, 1).reshape(-1, signature.TargetSize),
        (true, TargetScope.Node) => output.reshape(-1, signature.TargetSize),
        _ => output,
    };

    private torch.Tensor LossOf(torch.Tensor output, torch.Tensor targets) => config.Loss switch
    {
        Loss.CrossEntropy => torch.nn.functional.cross_entropy(ClassesFirst(output), targets, classWeights, ignore_index: Unlabelled, label_smoothing: config.LabelSmoothing),
        Loss.Dice => DiceLoss(ClassesFirst(output), targets),
        Loss.L1 => torch.nn.functional.l1_loss(output, targets),
        Loss.Huber => torch.nn.functional.huber_loss(output, targets, config.HuberDelta),
        Loss.BCEWithLogits => torch.nn.functional.binary_cross_entropy_with_logits(output, targets),
        _ => torch.nn.functional.mse_loss(output, targets),
    };

    /// <summary>
    /// 1 − the mean over classes of soft Dice, 2·Σ p·y / (Σ p + Σ y), over every labelled position of the batch;
    /// the smoothing of 1 keeps a class absent from both prediction and batch at Dice 1 rather than 0/0.
    /// </summary>
    private torch.Tensor DiceLoss(torch.Tensor logits, torch.Tensor targets)
    {
        var labelled = targets.ge(0).unsqueeze(1).to_type(logits.dtype);
        var probabilities = logits.softmax(1) * labelled;
        var oneHot = torch.nn.functional.one_hot(targets.clamp_min(0), signature.TargetSize).to_type(logits.dtype);
        // one_hot appends the class dim; move it next to the batch dim, where the logits have it.
        oneHot = (targets.dim() == 1 ? oneHot : oneHot.movedim([-1L], [1L])) * labelled;
        long[] positions = Enumerable.Range(0, (int)logits.dim()).Where(d => d != 1).Select(d => (long)d).ToArray();
        var overlap = (probabilities * oneHot).sum(positions);
        var sizes = probabilities.sum(positions) + oneHot.sum(positions);
        return 1 - ((2 * overlap + 1) / (sizes + 1)).mean();
    }
}
