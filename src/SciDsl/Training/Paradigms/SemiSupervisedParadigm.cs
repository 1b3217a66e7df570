using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;

namespace SciDsl;

/// <summary>One semi-supervised step's samples: indices into the labelled training part and into the unlabelled samples.</summary>
internal readonly record struct SemiSupervisedBatch(long[] Labelled, long[] Unlabelled);

/// <summary>
/// What the semi-supervised methods share: an epoch is one pass over the unlabelled samples in batches of
/// <see cref="SemiSupervisedSettings.UnlabelledRatio"/> × batch size, each paired with a labelled batch drawn from reshuffled
/// passes over the labelled training part as often as needed; λ ramps up per epoch; validation is plain supervised
/// validation of the returned model on the held-out labelled samples.
/// </summary>
internal abstract class SemiSupervisedParadigm(
    TrainConfig config,
    DataSplit split,
    torch.Tensor unlabelled,
    SemiSupervisedSettings settings,
    SupervisedParadigm validation) : ITrainingParadigm<SemiSupervisedBatch>
{
    private readonly int unlabelledBatchSize = config.BatchSize * settings.UnlabelledRatio;

    public abstract IReadOnlyList<torch.nn.Module> Modules { get; }
    public abstract IReadOnlyList<OptimizerHelper> Optimizers { get; }
    public int TrainBatchCount => (int)((unlabelled.shape[0] + unlabelledBatchSize - 1) / unlabelledBatchSize);

    protected SemiSupervisedSettings Settings { get; } = settings;

    /// <summary>λ of the current epoch.</summary>
    protected double UnlabelledWeight { get; private set; }

    public void StartEpoch(int epoch)
    {
        UnlabelledWeight = Settings.UnlabelledWeightAt(epoch);
        foreach (var module in Modules) module.train();
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

    public abstract BatchResult TrainStep(SemiSupervisedBatch batch, TrainingStep step);

    /// <summary>The batch's labelled features, their class targets and the unlabelled features.</summary>
    protected (torch.Tensor Labelled, torch.Tensor Targets, torch.Tensor Unlabelled) Select(SemiSupervisedBatch batch)
    {
        return (DataSplit.Rows(split.TrainFeatures, batch.Labelled), DataSplit.Rows(split.TrainTargets, batch.Labelled),
            DataSplit.Rows(unlabelled, batch.Unlabelled));
    }

    /// <summary>A generator of its own per batch: the same batch of the same epoch is augmented alike after a resume.</summary>
    protected torch.Generator AugmentationGenerator(TrainingStep step) =>
        new((ulong)SupervisedParadigm.AugmentationSeed(config.Seed, step.Epoch, step.Batch));

    protected torch.Tensor LabelledLoss(torch.Tensor output, torch.Tensor targets) =>
        torch.nn.functional.cross_entropy(output, targets, label_smoothing: config.LabelSmoothing);

    protected static long Correct(torch.Tensor output, torch.Tensor targets) => output.argmax(1).eq(targets).sum().item<long>();

    public Evaluation? Validate() => validation.Validate();

    // λ depends only on the epoch, which the loop restores; modules (a teacher too) are in the checkpoint.
    public JsonElement? SaveState() => null;

    public void RestoreState(JsonElement? state)
    {
    }
}
