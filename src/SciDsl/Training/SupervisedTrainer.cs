using System.Diagnostics;
using TorchSharp;

namespace SciDsl;

/// <summary>Trains a model on labelled data; what a generated <c>[Supervised]</c> experiment's <c>Run</c> calls.</summary>
public static class SupervisedTrainer
{
    /// <summary>
    /// Seeds torch, builds the model, checks and splits the data, then trains with a checkpoint after every epoch.
    /// Class names loaded with the data (<see cref="LabelledData.Classes"/>) are saved beside the checkpoint
    /// (<see cref="DataPreparation.PathBeside"/>) and returned in <see cref="TrainingResult{TModel}.Classes"/>, with the
    /// normalisation when <see cref="TrainConfig.Normalize"/> asks for it.
    /// </summary>
    /// <param name="experimentName">Names the default checkpoint, <c>checkpoints/&lt;experimentName&gt;.ckpt</c>; generated experiments pass their full name. Default: the model's name.</param>
    /// <exception cref="ArgumentException">The config or options cannot work, or the data set is too small for the split.</exception>
    /// <exception cref="DataShapeException">The loaded data does not match <paramref name="signature"/>.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="CheckpointException">Another run uses the checkpoint path, or <see cref="TrainOptions.Resume"/> found a damaged or unfitting checkpoint.</exception>
    /// <exception cref="OperationCanceledException"><see cref="TrainOptions.Cancellation"/> was cancelled.</exception>
    public static TrainingResult<TModel> Run<TModel>(
        TrainConfig config, Func<TModel> createModel, IDataSource data, DatasetSignature signature, TrainOptions? options = null,
        string? experimentName = null)
        where TModel : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(signature);
        return Train(config, createModel, (model, inputs) => model.forward(inputs[0]), () => SampleSet.From(signature.Check(data.Load(), data.GetType().Name)),
            data.GetType().Name, signature, options, experimentName);
    }

    /// <summary>
    /// As <see cref="Run{TModel}(TrainConfig, Func{TModel}, IDataSource, DatasetSignature, TrainOptions?, string?)"/>, with
    /// the features standardised by <paramref name="fitted"/> (a self-supervised pretraining's statistics, so fine-tuning
    /// sees its inputs as pretraining did) instead of statistics fitted here; they are saved and returned like fitted ones.
    /// </summary>
    internal static TrainingResult<TModel> RunWith<TModel>(
        TrainConfig config, Func<TModel> createModel, IDataSource data, DatasetSignature signature, Normalization fitted, TrainOptions? options,
        string? experimentName)
        where TModel : torch.nn.Module<torch.Tensor, torch.Tensor> =>
        Train(config, createModel, (model, inputs) => model.forward(inputs[0]), () => SampleSet.From(signature.Check(data.Load(), data.GetType().Name)),
            data.GetType().Name, signature, options, experimentName, fitted);

    /// <summary>
    /// As <see cref="Run{TModel}(TrainConfig, Func{TModel}, IDataSource, DatasetSignature, TrainOptions?, string?)"/>, for a
    /// model of several inputs (a graph's node features and adjacency) trained on labelled samples of as many inputs;
    /// what a generated experiment with such a model calls.
    /// </summary>
    /// <param name="forward">The model applied to a batch's inputs, in the data set's declaration order, e.g. <c>(m, x) =&gt; m.forward(x[0], x[1])</c>.</param>
    /// <exception cref="DataShapeException">The loaded samples do not match <paramref name="signature"/> or are unlabelled.</exception>
    public static TrainingResult<TModel> RunOnSamples<TModel>(
        TrainConfig config, Func<TModel> createModel, Func<TModel, torch.Tensor[], torch.Tensor> forward, ISampleSource data,
        DatasetSignature signature, TrainOptions? options = null, string? experimentName = null)
        where TModel : torch.nn.Module
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(signature);
        string source = data.GetType().Name;
        return Train(config, createModel, forward, () => signature.Check(data.LoadSamples(), source), source, signature, options, experimentName);
    }

    private static TrainingResult<TModel> Train<TModel>(
        TrainConfig config, Func<TModel> createModel, Func<TModel, torch.Tensor[], torch.Tensor> forward, Func<SampleSet> load, string source,
        DatasetSignature signature, TrainOptions? options, string? experimentName, Normalization? fitted = null)
        where TModel : torch.nn.Module
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(createModel);
        options ??= new TrainOptions();
        config.Validate();
        options.Validate();
        CheckLossFitsTarget(config, signature);
        var device = ComputeDevices.Resolve(config.Device, options.Device);

        var clock = Stopwatch.StartNew();
        string modelName = typeof(TModel).Name;
        using var store = CheckpointStore.OpenForRun(options, experimentName, modelName);

        TModel model = TrainingData.SeededModel(createModel, config, device);
        SampleSet loaded = load();
        if (loaded.Targets is not { } targets)
            throw DataShapeException.InData(source, "labelled samples for supervised training", "unlabelled samples");
        using var split = TrainingData.Split(loaded, targets, config, source, device, out var normalization, testSplit: config.TestSplit, fitted: fitted);
        TrainingData.SaveBeside(store, normalization, loaded.Classes, options.Resume);
        using var optimizer = CreateOptimizer(config, model);
        var paradigm = new SupervisedParadigm(config, model, inputs => forward(model, inputs), modelName, source, signature, split, optimizer);
        var result = new EpochLoop<long[]>(paradigm, config, options, modelName, store).Train(model, clock, loaded.Classes);
        // Once, with the returned (best) weights: the test samples never chose anything.
        return result with { Test = paradigm.Test(), Normalization = normalization };
    }

    internal static void CheckLossFitsTarget(TrainConfig config, DatasetSignature signature)
    {
        var needed = config.Loss is Loss.CrossEntropy or Loss.Dice ? TargetKind.Class : TargetKind.Value;
        if (signature.Target != needed)
            throw new ArgumentException($"Loss.{config.Loss} needs {needed.ToString().ToLowerInvariant()} targets, but the data set declares {signature.Target.ToString().ToLowerInvariant()} targets.", nameof(signature));
        // Augmentation and mixing transform the inputs alone: a flipped image would keep its unflipped mask.
        if (signature.Per != TargetScope.Sample && (config.Augmentation is not null || config.Mixing is not null))
            throw new ArgumentException($"TrainConfig.{(config.Augmentation is not null ? "Augmentation" : "Mixing")} transforms the inputs but not targets per {signature.Per.ToString().ToLowerInvariant()}, which would no longer match them; remove it for this data set.", nameof(config));
        if (signature.Per != TargetScope.Sample && config.EarlyStopping == "val_roc_auc")
            throw new ArgumentException($"TrainConfig.EarlyStopping is \"val_roc_auc\", which is not computed for targets per {signature.Per.ToString().ToLowerInvariant()}; watch \"val_iou\" or \"val_loss\".", nameof(config));
        if (config.ClassWeights is { } weights && weights.Count != signature.TargetSize)
            throw new ArgumentException($"TrainConfig.ClassWeights has {weights.Count} weights, but the data set declares {signature.TargetSize} classes; give one weight per class.", nameof(config));
    }

    internal static TorchSharp.Modules.OptimizerHelper CreateOptimizer(TrainConfig config, torch.nn.Module model) => config.Optimizer switch
    {
        // PyTorch's defaults (beta2 = 0.999), so results carry over from Python recipes.
        Optim.Adam => torch.optim.Adam(model.parameters(), config.LearningRate, beta1: 0.9, beta2: 0.999, weight_decay: config.WeightDecay),
        Optim.SGD => torch.optim.SGD(model.parameters(), config.LearningRate, momentum: config.Momentum, weight_decay: config.WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Optimizer, "Unknown optimizer."),
    };
}
