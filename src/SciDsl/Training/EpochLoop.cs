using System.Diagnostics;
using TorchSharp;

namespace SciDsl;

/// <summary>
/// The epoch loop every paradigm shares: resume, per-epoch seeds, train, validate, checkpoint, stop early or on
/// divergence or cancellation, report progress. What is trained and how is the <paramref name="paradigm"/>'s.
/// </summary>
/// <param name="modelName">The returned model's type name, recorded in and checked against the checkpoint.</param>
internal sealed class EpochLoop<TBatch>(
    ITrainingParadigm<TBatch> paradigm,
    int epochs,
    int seed,
    TrainOptions options,
    string modelName,
    CheckpointStore store)
{
    private List<EpochMetrics> history = [];
    private double bestMonitoredLoss = double.PositiveInfinity;
    private double? bestValidationLoss;
    private int epochsWithoutImprovement;
    private string? lastGoodCheckpoint;

    public bool HasBestCheckpoint => bestValidationLoss is not null;

    public (IReadOnlyList<EpochMetrics> History, StopReason Reason) Run(ITrainingProgress progress)
    {
        int totalEpochs = options.Epochs ?? epochs;
        if (options.Resume) RestoreFromCheckpoint(progress);

        for (int epoch = history.Count + 1; epoch <= totalEpochs; epoch++)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            // Per-epoch seed: dropout and other torch randomness match an uninterrupted run after Resume.
            torch.manual_seed(DataSplit.EpochSeed(seed, epoch));
            var clock = Stopwatch.StartNew();
            progress.EpochStarted(epoch, totalEpochs, paradigm.TrainBatchCount);
            var (trainLoss, trainAccuracy) = TrainEpoch(epoch, progress);
            var validation = paradigm.Validate();
            if (validation is { Loss: var validationLoss } && !double.IsFinite(validationLoss))
                throw new TrainingDivergedException(epoch, 0, validationLoss, lastGoodCheckpoint);
            var metrics = new EpochMetrics(epoch, trainLoss, validation?.Loss, trainAccuracy, validation?.Accuracy, clock.Elapsed);
            history.Add(metrics);

            bool stop = TrackImprovement(metrics);
            store.Save(paradigm.Modules, paradigm.Optimizers, new CheckpointState(
                modelName, epoch, history, bestMonitoredLoss, bestValidationLoss, epochsWithoutImprovement, paradigm.SaveState()));
            lastGoodCheckpoint = store.CheckpointPath;
            progress.EpochCompleted(metrics, totalEpochs);
            if (stop)
            {
                progress.Note($"early stopping: no improvement for {epochsWithoutImprovement} epochs");
                return (history, StopReason.EarlyStopping);
            }
        }
        return (history, StopReason.Completed);
    }

    private void RestoreFromCheckpoint(ITrainingProgress progress)
    {
        // The saved optimizer state carries the old learning rates; the ones this run was configured with decide them.
        var configuredRates = paradigm.Optimizers.Select(o => o.ParamGroups.Select(g => g.LearningRate).ToArray()).ToArray();
        if (store.TryRestore(paradigm.Modules, paradigm.Optimizers, modelName) is not { } state)
        {
            // Only a missing file means "nothing to resume"; a damaged or incomplete one has thrown.
            progress.Note($"no checkpoint at {store.CheckpointPath}; starting {modelName} from scratch");
            return;
        }
        for (int i = 0; i < configuredRates.Length; i++)
            foreach (var (group, rate) in paradigm.Optimizers[i].ParamGroups.Zip(configuredRates[i])) group.LearningRate = rate;
        paradigm.RestoreState(state.Paradigm);
        history = state.History;
        bestMonitoredLoss = state.BestMonitoredLoss;
        bestValidationLoss = state.BestValidationLoss;
        epochsWithoutImprovement = state.EpochsWithoutImprovement;
        lastGoodCheckpoint = store.CheckpointPath;
        progress.Note($"resumed {modelName} after epoch {state.Epoch} from {store.CheckpointPath}");
    }

    /// <summary>Updates the best losses (saving the best weights) and says whether early stopping is due.</summary>
    private bool TrackImprovement(EpochMetrics metrics)
    {
        if (metrics.ValidationLoss is { } validationLoss && !(validationLoss >= bestValidationLoss))
        {
            bestValidationLoss = validationLoss;
            store.SaveBest(paradigm.Modules[0]);
        }
        double monitored = metrics.ValidationLoss ?? metrics.TrainLoss;
        if (monitored < bestMonitoredLoss)
        {
            bestMonitoredLoss = monitored;
            epochsWithoutImprovement = 0;
        }
        else
        {
            epochsWithoutImprovement++;
        }
        return options.EarlyStoppingPatience is { } patience && epochsWithoutImprovement >= patience;
    }

    private (double Loss, double? Accuracy) TrainEpoch(int epoch, ITrainingProgress progress)
    {
        paradigm.StartEpoch(epoch);
        double lossSum = 0;
        long samples = 0, correct = 0;
        bool classifies = false;
        int batchNumber = 0;
        foreach (TBatch batch in paradigm.TrainBatches(epoch))
        {
            options.Cancellation.ThrowIfCancellationRequested();
            batchNumber++;
            // Frees every intermediate tensor of the batch; parameters and their gradients live outside the scope.
            using var scope = torch.NewDisposeScope();
            var result = paradigm.TrainStep(batch, new TrainingStep(epoch, batchNumber, options.GradientClipNorm, lastGoodCheckpoint));
            lossSum += result.Loss * result.Samples;
            samples += result.Samples;
            classifies = result.Correct is not null;
            correct += result.Correct ?? 0;
            progress.BatchCompleted(lossSum / samples, classifies ? (double)correct / samples : null);
        }
        return (samples == 0 ? double.NaN : lossSum / samples, classifies && samples > 0 ? (double)correct / samples : null);
    }
}
