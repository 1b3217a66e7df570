using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;

namespace SciDsl;

/// <summary>One domain-adaptation step's samples: indices into the labelled source training part and into the unlabelled target samples.</summary>
internal readonly record struct DomainBatch(long[] Source, long[] Target);

/// <summary>
/// Supervised training on the source domain plus a loss that makes the named layer's features of source and target
/// batches alike: DANN's domain classifier behind a gradient reversal, or Deep CORAL's covariance distance.
/// Both domains go through the model in one forward pass, so normalisation layers see both. An epoch is one pass over
/// the source training samples; target samples are drawn in reshuffled passes, as many as the source batch.
/// </summary>
internal sealed class DomainAdaptationParadigm : ITrainingParadigm<DomainBatch>
{
    private readonly TrainConfig config;
    private readonly torch.nn.Module<torch.Tensor, torch.Tensor> model;
    private readonly DataSplit split;
    private readonly torch.Tensor target;
    private readonly DomainAdaptationSettings settings;
    private readonly OptimizerHelper optimizer;
    private readonly SupervisedParadigm supervised;
    private readonly LayerOutputCapture features;
    private readonly torch.nn.Module<torch.Tensor, torch.Tensor>? domainClassifier;
    private readonly OptimizerHelper? domainOptimizer;
    private readonly long totalSteps;
    private long stepsTaken;

    /// <param name="totalEpochs">The run's epochs, over which DANN's λ rises.</param>
    /// <param name="features">Captures the feature layer's output; its feature width sizes DANN's domain classifier.</param>
    /// <param name="featureWidth">Features per sample (the layer's output flattened).</param>
    public DomainAdaptationParadigm(
        TrainConfig config, torch.nn.Module<torch.Tensor, torch.Tensor> model, DataSplit split, torch.Tensor target,
        DomainAdaptationSettings settings, OptimizerHelper optimizer, SupervisedParadigm supervised,
        LayerOutputCapture features, long featureWidth, int totalEpochs)
    {
        (this.config, this.model, this.split, this.target, this.settings, this.optimizer, this.supervised, this.features) =
            (config, model, split, target, settings, optimizer, supervised, features);
        totalSteps = (long)totalEpochs * TrainBatchCount;
        if (settings.Method == Adaptation.Dann)
        {
            domainClassifier = torch.nn.Sequential(
                ("hidden", torch.nn.Linear(featureWidth, settings.DomainHidden)),
                ("relu", torch.nn.ReLU()),
                ("domain", torch.nn.Linear(settings.DomainHidden, 1)));
            // On the model's device before its optimizer takes the parameters, which must be the device's.
            domainClassifier.to(split.TrainFeatures.device);
            domainOptimizer = SupervisedTrainer.CreateOptimizer(config, domainClassifier);
            Modules = [model, domainClassifier];
            Optimizers = [optimizer, domainOptimizer];
        }
        else
        {
            Modules = [model];
            Optimizers = [optimizer];
        }
    }

    public IReadOnlyList<torch.nn.Module> Modules { get; }
    public IReadOnlyList<OptimizerHelper> Optimizers { get; }
    public int TrainBatchCount => split.TrainBatchCount(config.BatchSize);

    /// <summary>DANN's λ at training progress <paramref name="progress"/> in [0, 1]: <c>weight · (2/(1+exp(-10p)) - 1)</c>, 0 at the start, near <paramref name="weight"/> at the end.</summary>
    public static double DannLambda(double progress, double weight) => weight * (2 / (1 + Math.Exp(-10 * progress)) - 1);

    public void StartEpoch(int epoch)
    {
        model.train();
        domainClassifier?.train();
    }

    public IEnumerable<DomainBatch> TrainBatches(int epoch)
    {
        // Its own stream (not the source shuffle's), so the source batches are those of supervised training.
        var random = new Random(DataSplit.EpochSeed(config.Seed, epoch) ^ 0x5A17);
        var targetOrder = new Queue<long>();
        foreach (long[] source in split.TrainBatches(epoch, config.BatchSize))
        {
            var drawn = new long[source.Length];
            for (int i = 0; i < drawn.Length; i++)
            {
                if (targetOrder.Count == 0)
                    foreach (long index in DataSplit.Permutation((int)target.shape[0], random)) targetOrder.Enqueue(index);
                drawn[i] = targetOrder.Dequeue();
            }
            yield return new DomainBatch(source, drawn);
        }
    }

    public BatchResult TrainStep(DomainBatch batch, TrainingStep step)
    {
        var labels = DataSplit.Rows(split.TrainTargets, batch.Source);
        var inputs = torch.cat([DataSplit.Rows(split.TrainFeatures, batch.Source), DataSplit.Rows(target, batch.Target)], 0);
        var output = model.forward(inputs);
        var allFeatures = features.Take().flatten(1);
        int sourceCount = batch.Source.Length;
        var sourceOutput = output.narrow(0, 0, sourceCount);
        var sourceFeatures = allFeatures.narrow(0, 0, sourceCount);
        var targetFeatures = allFeatures.narrow(0, sourceCount, batch.Target.Length);
        var supervisedLoss = torch.nn.functional.cross_entropy(sourceOutput, labels, label_smoothing: config.LabelSmoothing);

        double progress = totalSteps == 0 ? 1 : Math.Min(1.0, stepsTaken / (double)totalSteps);
        var adaptationLoss = settings.Method == Adaptation.Dann
            ? DomainLoss(allFeatures, sourceCount, DannLambda(progress, settings.Weight))
            : settings.Weight * CoralDistance(sourceFeatures, targetFeatures);
        domainOptimizer?.zero_grad();
        var parameters = domainClassifier is null ? model.parameters() : model.parameters().Concat(domainClassifier.parameters());
        double loss = step.Minimise(optimizer, supervisedLoss + adaptationLoss, parameters);
        domainOptimizer?.step();
        stepsTaken++;
        return new BatchResult(loss, sourceCount, sourceOutput.argmax(1).eq(labels).sum().item<long>());
    }

    /// <summary>
    /// The domain classifier's loss on features passed through <see cref="GradientReversal"/>: the classifier gets the
    /// ordinary gradient, the model below the features gets it times -λ.
    /// </summary>
    private torch.Tensor DomainLoss(torch.Tensor allFeatures, int sourceCount, double lambda) =>
        DomainClassificationLoss(domainClassifier!.forward(GradientReversal.Apply(allFeatures, lambda)).squeeze(1), sourceCount);

    /// <summary>
    /// Binary cross-entropy of the domain logits (the first <paramref name="sourceCount"/> source = 0, the rest target = 1):
    /// the mean over the source samples plus the mean over the target samples, as in Ganin et al.'s objective, where the
    /// domain loss is summed over both domains' samples on the scale the label loss is summed over the source's.
    /// </summary>
    internal static torch.Tensor DomainClassificationLoss(torch.Tensor domainLogits, int sourceCount)
    {
        long targetCount = domainLogits.shape[0] - sourceCount;
        var source = domainLogits.narrow(0, 0, sourceCount);
        var target = domainLogits.narrow(0, sourceCount, targetCount);
        return torch.nn.functional.binary_cross_entropy_with_logits(source, torch.zeros_like(source))
            + torch.nn.functional.binary_cross_entropy_with_logits(target, torch.ones_like(target));
    }

    /// <summary>Deep CORAL: ‖C_s − C_t‖²_F / (4d²) between the feature covariances of the two batches.</summary>
    internal static torch.Tensor CoralDistance(torch.Tensor source, torch.Tensor target)
    {
        long width = source.shape[1];
        var difference = Covariance(source) - Covariance(target);
        return difference.pow(2).sum() / (4.0 * width * width);
    }

    private static torch.Tensor Covariance(torch.Tensor features)
    {
        var centred = features - features.mean([0], keepdim: true);
        return centred.t().matmul(centred) / Math.Max(1, features.shape[0] - 1);
    }

    public Evaluation? Validate() => supervised.Validate();

    public JsonElement? SaveState() => JsonSerializer.SerializeToElement(new DomainAdaptationState(stepsTaken));

    public void RestoreState(JsonElement? state) =>
        stepsTaken = state?.Deserialize<DomainAdaptationState>()?.StepsTaken ?? 0;

    /// <summary>Where DANN's λ schedule stands: the steps taken so far.</summary>
    private sealed record DomainAdaptationState(long StepsTaken);
}
