using System.Diagnostics;
using TorchSharp;

namespace SciDsl;

/// <summary>The epoch loop of <see cref="SupervisedTrainer"/>: resume, train, validate, checkpoint, stop early.</summary>
internal sealed class SupervisedLoop(
    TrainConfig config,
    TrainOptions options,
    torch.nn.Module<torch.Tensor, torch.Tensor> model,
    string modelName,
    string source,
    DatasetSignature signature,
    DataSplit split,
    TorchSharp.Modules.OptimizerHelper optimizer,
    CheckpointStore store)
{
    private readonly bool classifies = config.Loss == Loss.CrossEntropy;
    private List<EpochMetrics> history = [];
    private double bestMonitoredLoss = double.PositiveInfinity;
    private double? bestValidationLoss;
    private int epochsWithoutImprovement;
    private string? lastGoodCheckpoint;
    private bool outputChecked;

    public bool HasBestCheckpoint => bestValidationLoss is not null;

    public (IReadOnlyList<EpochMetrics> History, StopReason Reason) Run(ITrainingProgress progress)
    {
        int totalEpochs = options.Epochs ?? config.Epochs;
        if (options.Resume) RestoreFromCheckpoint(progress);

        for (int epoch = history.Count + 1; epoch <= totalEpochs; epoch++)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            // Per-epoch seed: dropout and other torch randomness match an uninterrupted run after Resume.
            torch.manual_seed(DataSplit.EpochSeed(config.Seed, epoch));
            var clock = Stopwatch.StartNew();
            progress.EpochStarted(epoch, totalEpochs, split.TrainBatchCount(config.BatchSize));
            var (trainLoss, trainAccuracy) = TrainEpoch(epoch, progress);
            var (validationLoss, validationAccuracy) = Validate(epoch);
            var metrics = new EpochMetrics(epoch, trainLoss, validationLoss, trainAccuracy, validationAccuracy, clock.Elapsed);
            history.Add(metrics);

            bool stop = TrackImprovement(metrics);
            store.Save(model, optimizer, new CheckpointState(modelName, epoch, history, bestMonitoredLoss, bestValidationLoss, epochsWithoutImprovement));
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
        if (store.TryRestore(model, optimizer, modelName) is not { } state)
        {
            // Only a missing file means "nothing to resume"; a damaged or incomplete one has thrown.
            progress.Note($"no checkpoint at {store.CheckpointPath}; starting {modelName} from scratch");
            return;
        }
        // The saved optimizer state carries the old learning rate; the config given now decides it.
        foreach (var group in optimizer.ParamGroups) group.LearningRate = config.LearningRate;
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
            store.SaveBest(model);
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
        model.train();
        var totals = new RunningTotals(classifies);
        int batchNumber = 0;
        foreach (long[] batch in split.TrainBatches(epoch, config.BatchSize))
        {
            options.Cancellation.ThrowIfCancellationRequested();
            batchNumber++;
            // Frees every intermediate tensor of the batch; parameters and their gradients live outside the scope.
            using var scope = torch.NewDisposeScope();
            var index = torch.tensor(batch);
            var targets = split.TrainTargets.index_select(0, index);
            var output = Forward(split.TrainFeatures.index_select(0, index));
            var loss = LossOf(output, targets);
            double value = loss.item<float>();
            if (!double.IsFinite(value)) throw new TrainingDivergedException(epoch, batchNumber, value, lastGoodCheckpoint);

            optimizer.zero_grad();
            loss.backward();
            if (options.GradientClipNorm is { } maxNorm) torch.nn.utils.clip_grad_norm_(model.parameters(), maxNorm);
            optimizer.step();

            totals.Add(value, output, targets);
            progress.BatchCompleted(totals.MeanLoss, totals.Accuracy);
        }
        return (totals.MeanLoss, totals.Accuracy);
    }

    private (double? Loss, double? Accuracy) Validate(int epoch)
    {
        if (split.ValidationFeatures is not { } features || split.ValidationTargets is not { } allTargets) return (null, null);
        model.eval();
        using var noGrad = torch.no_grad();
        var totals = new RunningTotals(classifies);
        long count = features.shape[0];
        for (long start = 0; start < count; start += config.BatchSize)
        {
            using var scope = torch.NewDisposeScope();
            long length = Math.Min(config.BatchSize, count - start);
            var targets = allTargets.narrow(0, start, length);
            var output = Forward(features.narrow(0, start, length));
            double value = LossOf(output, targets).item<float>();
            if (!double.IsFinite(value)) throw new TrainingDivergedException(epoch, 0, value, lastGoodCheckpoint);
            totals.Add(value, output, targets);
        }
        return (totals.MeanLoss, totals.Accuracy);
    }

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

    private torch.Tensor LossOf(torch.Tensor output, torch.Tensor targets) => classifies
        ? torch.nn.functional.cross_entropy(output, targets)
        : torch.nn.functional.mse_loss(output, targets);
}
