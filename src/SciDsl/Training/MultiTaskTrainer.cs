using System.Diagnostics;
using TorchSharp;

namespace SciDsl;

/// <summary>
/// Trains one model with several outputs on several tasks at once (<see cref="TrainingTask"/>): the loss is the weighted
/// sum of the task losses; what a generated <c>[MultiTask]</c> experiment's <c>Run</c> calls.
/// </summary>
public static class MultiTaskTrainer
{
    /// <summary>
    /// Like <see cref="SupervisedTrainer.Run{TModel}"/> (seed, model, checked and split data, a checkpoint after every
    /// epoch, resume, the best epoch's weights by validation loss), with each task's loss on its output and target
    /// columns. Validation reports the weighted loss and, per task, <c>val_&lt;task&gt;_accuracy</c> (and the other
    /// classification metrics) or <c>val_&lt;task&gt;_mse</c>, <c>_mae</c>, <c>_r2</c>.
    /// </summary>
    /// <param name="config">Its <see cref="TrainConfig.Loss"/> is not used (each task has its own); label smoothing and class weights are not applied.</param>
    /// <param name="outputs">The model's outputs for a batch, one per task in <paramref name="tasks"/>' order (the generated experiment maps its named outputs).</param>
    /// <param name="signature">Value targets (<c>value: k</c>): the tasks take their columns from them.</param>
    /// <exception cref="ArgumentException">The config, options or tasks cannot work, or the data set's targets are not values.</exception>
    /// <exception cref="DataShapeException">The data does not match <paramref name="signature"/>.</exception>
    /// <exception cref="InvalidOperationException">An output's width does not fit its task, or a class column holds something other than a class index.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="CheckpointException">Another run uses the checkpoint path, or <see cref="TrainOptions.Resume"/> found a damaged or unfitting checkpoint.</exception>
    /// <exception cref="OperationCanceledException"><see cref="TrainOptions.Cancellation"/> was cancelled.</exception>
    public static TrainingResult<TModel> Run<TModel>(
        TrainConfig config, Func<TModel> createModel, Func<TModel, torch.Tensor, torch.Tensor[]> outputs, IDataSource data,
        DatasetSignature signature, IReadOnlyList<TrainingTask> tasks, TrainOptions? options = null, string? experimentName = null)
        where TModel : torch.nn.Module
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(tasks);
        options ??= new TrainOptions();
        config.Validate();
        options.Validate();
        if (signature.Target != TargetKind.Value)
            throw new ArgumentException(
                $"Multitask training takes each task's targets from columns of value targets (Target = \"value: k\"), but the data set declares {signature.Target.ToString().ToLowerInvariant()} targets.",
                nameof(signature));
        if (tasks.Count == 0) throw new ArgumentException("Multitask training needs at least one task.", nameof(tasks));
        foreach (var task in tasks) task.Validate(signature.TargetSize);
        if (tasks.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"Task '{twice.Key}' is given {twice.Count()} times; give each output one task.", nameof(tasks));
        var device = ComputeDevices.Resolve(config.Device, options.Device);

        var clock = Stopwatch.StartNew();
        string modelName = typeof(TModel).Name;
        string source = data.GetType().Name;
        using var store = CheckpointStore.OpenForRun(options, experimentName, modelName);

        TModel model = TrainingData.SeededModel(createModel, config, device);
        LabelledData loaded = signature.Check(data.Load(), source);
        using var split = TrainingData.Split(loaded, config, source, device, out var normalization);
        TrainingData.SaveBeside(store, normalization, null, options.Resume);
        using var optimizer = SupervisedTrainer.CreateOptimizer(config, model);
        var paradigm = new MultiTaskParadigm<TModel>(config, model, outputs, modelName, source, split, tasks, optimizer);
        var result = new EpochLoop<long[]>(paradigm, config, options, modelName, store).Train(model, clock, null);
        return result with { Normalization = normalization };
    }
}
