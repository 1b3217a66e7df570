using System.Diagnostics;
using TorchSharp;

namespace SciDsl;

/// <summary>Trains a model on labelled data; what a generated <c>[Supervised]</c> experiment's <c>Run</c> calls.</summary>
public static class SupervisedTrainer
{
    /// <summary>
    /// Seeds torch, builds the model, checks and splits the data, then trains with a checkpoint after every epoch.
    /// Class names loaded with the data (<see cref="LabelledData.Classes"/>) are saved beside the checkpoint
    /// (<see cref="DataPreparation.PathBeside"/>) and returned in <see cref="TrainingResult{TModel}.Classes"/>.
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
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(signature);
        options ??= new TrainOptions();
        config.Validate();
        options.Validate();
        CheckLossFitsTarget(config, signature);

        var clock = Stopwatch.StartNew();
        string modelName = typeof(TModel).Name;
        string source = data.GetType().Name;
        using var store = CheckpointStore.Open(options.CheckpointPath ?? CheckpointStore.DefaultPath(experimentName ?? modelName));

        // Seed before the model exists so its initial weights are reproducible.
        torch.manual_seed(config.Seed);
        TModel model = createModel();
        LabelledData loaded = signature.Check(data.Load(), source);
        // Beside the checkpoint from the start, so a killed run's weights still map back to class names.
        if (loaded.Classes is not null)
            new DataPreparation(null, loaded.Classes).Save(DataPreparation.PathBeside(store.CheckpointPath));
        using var split = DataSplit.Create(loaded, config.ValidationSplit, config.Seed, source);
        using var optimizer = CreateOptimizer(config, model);
        var paradigm = new SupervisedParadigm(config, model, modelName, source, signature, split, optimizer);
        return new EpochLoop<long[]>(paradigm, config, options, modelName, store).Train(model, clock, loaded.Classes);
    }

    internal static void CheckLossFitsTarget(TrainConfig config, DatasetSignature signature)
    {
        var needed = config.Loss == Loss.CrossEntropy ? TargetKind.Class : TargetKind.Value;
        if (signature.Target != needed)
            throw new ArgumentException($"Loss.{config.Loss} needs {needed.ToString().ToLowerInvariant()} targets, but the data set declares {signature.Target.ToString().ToLowerInvariant()} targets.", nameof(signature));
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
