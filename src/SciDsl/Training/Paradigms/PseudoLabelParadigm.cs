using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;

namespace SciDsl;

/// <summary>One semi-supervised step's samples: indices into the labelled training part and into the unlabelled samples.</summary>
internal readonly record struct SemiSupervisedBatch(long[] Labelled, long[] Unlabelled);

/// <summary>
/// Pseudo-labelling (Lee, 2013): each step adds to the labelled cross-entropy the cross-entropy of the unlabelled
/// samples against the model's own eval-mode predictions, for those predicted with confidence at least
/// <see cref="SemiSupervisedSettings.Threshold"/>, weighted by λ(epoch) ramped up linearly from 0.
/// An epoch is one pass over the unlabelled samples; the labelled ones are drawn in reshuffled passes as often as needed.
/// </summary>
internal sealed class PseudoLabelParadigm(
    TrainConfig config,
    torch.nn.Module<torch.Tensor, torch.Tensor> model,
    DataSplit split,
    torch.Tensor unlabelled,
    SemiSupervisedSettings settings,
    OptimizerHelper optimizer,
    SupervisedParadigm supervised) : ITrainingParadigm<SemiSupervisedBatch>
{
    private readonly int unlabelledBatchSize = config.BatchSize * settings.UnlabelledRatio;
    private double unlabelledWeight;

    public IReadOnlyList<torch.nn.Module> Modules { get; } = [model];
    public IReadOnlyList<OptimizerHelper> Optimizers { get; } = [optimizer];
    public int TrainBatchCount => (int)((unlabelled.shape[0] + unlabelledBatchSize - 1) / unlabelledBatchSize);

    /// <summary>λ for a 1-based epoch: 0 in the first (the model's guesses are still noise), full after the ramp.</summary>
    public static double UnlabelledWeightAt(int epoch, SemiSupervisedSettings settings) =>
        settings.RampUpEpochs == 0 ? settings.UnlabelledWeight
            : settings.UnlabelledWeight * Math.Min(1.0, (epoch - 1) / (double)settings.RampUpEpochs);

    public void StartEpoch(int epoch)
    {
        unlabelledWeight = UnlabelledWeightAt(epoch, settings);
        model.train();
    }

    public IEnumerable<SemiSupervisedBatch> TrainBatches(int epoch)
    {
        var random = new Random(DataSplit.EpochSeed(config.Seed, epoch));
        long[] unlabelledOrder = DataSplit.Permutation((int)unlabelled.shape[0], random);
        var labelledOrder = new Queue<long>();
        for (int start = 0; start < unlabelledOrder.Length; start += unlabelledBatchSize)
        {
            var labelled = new long[Math.Min(config.BatchSize, split.TrainCount)];
            for (int i = 0; i < labelled.Length; i++)
            {
                if (labelledOrder.Count == 0)
                    foreach (long index in DataSplit.Permutation((int)split.TrainCount, random)) labelledOrder.Enqueue(index);
                labelled[i] = labelledOrder.Dequeue();
            }
            yield return new SemiSupervisedBatch(labelled, unlabelledOrder[start..Math.Min(start + unlabelledBatchSize, unlabelledOrder.Length)]);
        }
    }

    public BatchResult TrainStep(SemiSupervisedBatch batch, TrainingStep step)
    {
        var labelledIndex = torch.tensor(batch.Labelled);
        var targets = split.TrainTargets.index_select(0, labelledIndex);
        var unlabelledFeatures = unlabelled.index_select(0, torch.tensor(batch.Unlabelled));
        var (pseudoLabels, confident) = PseudoLabels(unlabelledFeatures);

        var output = model.forward(torch.cat([split.TrainFeatures.index_select(0, labelledIndex), unlabelledFeatures], 0));
        var labelledOutput = output.narrow(0, 0, batch.Labelled.Length);
        var unlabelledOutput = output.narrow(0, batch.Labelled.Length, batch.Unlabelled.Length);
        var labelledLoss = torch.nn.functional.cross_entropy(labelledOutput, targets, label_smoothing: config.LabelSmoothing);
        // Averaged over the whole unlabelled batch, so the term grows with the share of confident samples.
        var unlabelledLoss = (torch.nn.functional.cross_entropy(unlabelledOutput, pseudoLabels, reduction: torch.nn.Reduction.None) * confident).mean();
        double loss = step.Minimise(optimizer, labelledLoss + unlabelledWeight * unlabelledLoss, model.parameters());
        return new BatchResult(loss, batch.Labelled.Length, labelledOutput.argmax(1).eq(targets).sum().item<long>());
    }

    /// <summary>The model's own classes for the unlabelled samples, from an eval-mode pass (no dropout), and a 0/1 mask of the confident ones.</summary>
    private (torch.Tensor Labels, torch.Tensor Confident) PseudoLabels(torch.Tensor features)
    {
        model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            var (confidence, labels) = torch.nn.functional.softmax(model.forward(features), 1).max(1);
            return (labels, confidence.ge(settings.Threshold).to_type(torch.ScalarType.Float32));
        }
        finally
        {
            model.train();
        }
    }

    public Evaluation? Validate() => supervised.Validate();

    // λ depends only on the epoch, which the loop restores.
    public JsonElement? SaveState() => null;

    public void RestoreState(JsonElement? state)
    {
    }
}
