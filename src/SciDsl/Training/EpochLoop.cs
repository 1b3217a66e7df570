using System.Diagnostics;
using TorchSharp;

namespace SciDsl;

/// <summary>
/// The epoch loop every paradigm shares: resume, per-epoch seeds, learning-rate schedule, train, validate, checkpoint,
/// keep the best epoch's weights, stop early or on divergence or cancellation, report progress. What is trained and
/// how is the <paramref name="paradigm"/>'s.
/// </summary>
/// <param name="modelName">The returned model's type name, recorded in and checked against the checkpoint.</param>
internal sealed class EpochLoop<TBatch>(
    ITrainingParadigm<TBatch> paradigm,
    TrainConfig config,
    TrainOptions options,
    string modelName,
    CheckpointStore store)
{
    private readonly MonitoredMetric monitor = MonitoredMetric.Parse(config.EarlyStopping, config.Loss, config.ValidationSplit > 0).Metric
        ?? new MonitoredMetric(MonitoredMetric.ValidationLoss, false);
    private readonly int? patience = options.EarlyStoppingPatience ?? config.Patience;
    private List<EpochMetrics> history = [];
    private double bestMonitored = double.PositiveInfinity;
    private int? bestEpoch;
    private int epochsWithoutImprovement;
    private string? lastGoodCheckpoint;

    /// <summary>The epoch whose weights are in the best-weights file; null without validation.</summary>
    public int? BestEpoch => bestEpoch;

    /// <summary>
    /// Runs the loop with the options' progress display and returns what a trainer's <c>Run</c> returns: the model with
    /// the best epoch's weights loaded (not the last's: what early stopping is for) and their validation.
    /// </summary>
    /// <param name="clock">Started when the trainer's <c>Run</c> was called, for <see cref="TrainingResult{TModel}.Elapsed"/>.</param>
    public TrainingResult<TModel> Train<TModel>(TModel model, Stopwatch clock, ClassLabels? classes)
        where TModel : torch.nn.Module
    {
        var (trained, stopReason) = ProgressDisplay.Run(options, Run);
        if (options.CurvesPicture) TrainingCurves.Write(trained, TrainingCurves.PathBeside(store.CheckpointPath));
        if (bestEpoch is not null) model.load(store.BestWeightsPath);
        return new TrainingResult<TModel>(
            model, trained, store.CheckpointPath, bestEpoch is null ? null : store.BestWeightsPath, stopReason, clock.Elapsed,
            bestEpoch, paradigm.Validate())
        {
            Classes = classes,
        };
    }

    public (IReadOnlyList<EpochMetrics> History, StopReason Reason) Run(ITrainingProgress progress)
    {
        int totalEpochs = options.Epochs ?? config.Epochs;
        // The rates this run was configured with; the schedule scales them, and they replace those of a resumed optimizer state.
        var configuredRates = paradigm.Optimizers.Select(o => o.ParamGroups.Select(g => g.LearningRate).ToArray()).ToArray();
        if (options.Resume) RestoreFromCheckpoint(progress, configuredRates);
        var schedule = LearningRateSchedule.For(config, totalEpochs, paradigm.TrainBatchCount);
        var tensorBoard = options.TensorBoardDirectory is { } logDirectory ? new TensorBoardLog(logDirectory) : null;

        for (int epoch = history.Count + 1; epoch <= totalEpochs; epoch++)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            // Per-epoch seed: dropout and other torch randomness match an uninterrupted run after Resume.
            torch.manual_seed(DataSplit.EpochSeed(config.Seed, epoch));
            var clock = Stopwatch.StartNew();
            progress.EpochStarted(epoch, totalEpochs, paradigm.TrainBatchCount);
            var (trainLoss, trainAccuracy) = TrainEpoch(epoch, progress, step => ScaleRates(configuredRates, schedule.Factor(step)));
            var validation = paradigm.Validate();
            if (validation is { Loss: var validationLoss } && !double.IsFinite(validationLoss))
                throw new TrainingDivergedException(epoch, 0, validationLoss, lastGoodCheckpoint);
            var metrics = new EpochMetrics(epoch, trainLoss, validation?.Loss, trainAccuracy, validation?.Accuracy, clock.Elapsed, Named(validation));
            history.Add(metrics);
            tensorBoard?.Record(metrics);

            bool stop = TrackImprovement(metrics, progress);
            store.Save(paradigm.Modules, paradigm.Optimizers, new CheckpointState(
                modelName, epoch, history, bestMonitored, bestEpoch, epochsWithoutImprovement, paradigm.SaveState()));
            lastGoodCheckpoint = store.CheckpointPath;
            progress.EpochCompleted(metrics, totalEpochs);
            if (stop)
            {
                progress.Note($"early stopping: no improvement of {monitor.Name} for {epochsWithoutImprovement} epochs");
                return (history, StopReason.EarlyStopping);
            }
        }
        return (history, StopReason.Completed);
    }

    /// <summary><c>val_loss</c>, then each validation metric as <c>val_</c> + its name.</summary>
    private static Dictionary<string, double>? Named(Evaluation? validation)
    {
        if (validation is null) return null;
        var named = new Dictionary<string, double> { [MonitoredMetric.ValidationLoss] = validation.Loss };
        foreach (var (name, value) in validation.Metrics) named["val_" + name] = value;
        return named;
    }

    private void ScaleRates(double[][] configuredRates, double factor)
    {
        for (int i = 0; i < configuredRates.Length; i++)
            foreach (var (group, rate) in paradigm.Optimizers[i].ParamGroups.Zip(configuredRates[i])) group.LearningRate = rate * factor;
    }

    private void RestoreFromCheckpoint(ITrainingProgress progress, double[][] configuredRates)
    {
        if (store.TryRestore(paradigm.Modules, paradigm.Optimizers, modelName) is not { } state)
        {
            // Only a missing file means "nothing to resume"; a damaged or incomplete one has thrown.
            progress.Note($"no checkpoint at {store.CheckpointPath}; starting {modelName} from scratch");
            return;
        }
        ScaleRates(configuredRates, 1);
        paradigm.RestoreState(state.Paradigm);
        history = state.History;
        bestMonitored = state.BestMonitored;
        bestEpoch = state.BestEpoch;
        epochsWithoutImprovement = state.EpochsWithoutImprovement;
        lastGoodCheckpoint = store.CheckpointPath;
        progress.Note($"resumed {modelName} after epoch {state.Epoch} from {store.CheckpointPath}");
    }

    /// <summary>
    /// Updates the best epoch (saving its weights when there is validation) and says whether early stopping is due. An
    /// epoch whose validation leaves the monitored metric undefined counts as no improvement; undefined before it was
    /// ever defined (so there are no best weights to keep) is an error, since it then depends on the validation targets.
    /// </summary>
    private bool TrackImprovement(EpochMetrics metrics, ITrainingProgress progress)
    {
        // Without validation only the training loss is there to watch.
        double monitored = metrics.TrainLoss;
        if (metrics.Metrics is { } values)
        {
            if (values.TryGetValue(monitor.Name, out double value))
            {
                monitored = monitor.Minimised(value);
            }
            else if (bestEpoch is null)
            {
                throw new InvalidOperationException($"{monitor.Name} is undefined: {monitor.UndefinedReason}; use a larger ValidationSplit or monitor {MonitoredMetric.ValidationLoss}.");
            }
            else
            {
                progress.Note($"{monitor.Name} is undefined in epoch {metrics.Epoch}: {monitor.UndefinedReason}; counted as no improvement");
                monitored = double.PositiveInfinity;
            }
        }
        if (monitored < bestMonitored)
        {
            bestMonitored = monitored;
            epochsWithoutImprovement = 0;
            if (metrics.Metrics is not null)
            {
                bestEpoch = metrics.Epoch;
                store.SaveBest(paradigm.Modules[0]);
            }
        }
        else
        {
            epochsWithoutImprovement++;
        }
        return patience is { } epochs && epochsWithoutImprovement >= epochs;
    }

    private (double Loss, double? Accuracy) TrainEpoch(int epoch, ITrainingProgress progress, Action<long> scheduleStep)
    {
        paradigm.StartEpoch(epoch);
        double lossSum = 0;
        long samples = 0, correct = 0;
        bool classifies = false;
        int batchNumber = 0;
        double? clipNorm = options.GradientClipNorm ?? config.GradientClipNorm;
        foreach (TBatch batch in paradigm.TrainBatches(epoch))
        {
            options.Cancellation.ThrowIfCancellationRequested();
            batchNumber++;
            scheduleStep((long)(epoch - 1) * paradigm.TrainBatchCount + batchNumber - 1);
            // Frees every intermediate tensor of the batch; parameters and their gradients live outside the scope.
            using var scope = torch.NewDisposeScope();
            var result = paradigm.TrainStep(batch, new TrainingStep(epoch, batchNumber, clipNorm, lastGoodCheckpoint));
            lossSum += result.Loss * result.Samples;
            samples += result.Samples;
            classifies = result.Correct is not null;
            correct += result.Correct ?? 0;
            progress.BatchCompleted(lossSum / samples, classifies ? (double)correct / samples : null);
            TrainingObserver.BatchCompleted?.Invoke(epoch, batchNumber);
        }
        return (samples == 0 ? double.NaN : lossSum / samples, classifies && samples > 0 ? (double)correct / samples : null);
    }
}

/// <summary>Test seam: told after every training batch (epoch, batch number), so the kill tests can stop a run mid-epoch.</summary>
internal static class TrainingObserver
{
    internal static Action<int, int>? BatchCompleted;
}
