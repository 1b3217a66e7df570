using System.Diagnostics;
using TorchSharp;

namespace SciDsl;

/// <summary>A trained GAN: the generator (with the run's history), the discriminator and its loss per epoch.</summary>
public sealed record GanResult<TGenerator, TDiscriminator>(
    TrainingResult<TGenerator> Training,
    TDiscriminator Discriminator,
    IReadOnlyList<double> DiscriminatorLosses)
    where TGenerator : torch.nn.Module
{
    public TGenerator Generator => Training.Model;
}

/// <summary>Trains a generator against a discriminator on a data set's samples (its targets are not used).</summary>
public static class GanTrainer
{
    /// <summary>
    /// Seeds, builds both models, checks the data, and alternates discriminator and generator steps (non-saturating
    /// loss; <see cref="TrainConfig.Loss"/> is not used) with one optimizer each as <paramref name="config"/> declares.
    /// The checkpoint after every epoch holds both models, both optimizers and the discriminator's losses, so a resumed
    /// run ends bit-identical to an uninterrupted one. Every sample trains (<see cref="TrainConfig.ValidationSplit"/> is
    /// not used: no loss says which epoch's generator is best), and the last epoch's generator is returned. With
    /// <see cref="TrainConfig.Normalize"/> the discriminator reads the real samples standardised (statistics of all of
    /// them, in <see cref="TrainingResult{TModel}.Normalization"/>), so the generator produces standardised samples.
    /// </summary>
    /// <param name="latentSize">The generator's input width: it maps <c>[B, latentSize]</c> noise from N(0, I) to samples.</param>
    /// <exception cref="ArgumentException">The config or options cannot work, or <paramref name="latentSize"/> is not positive.</exception>
    /// <exception cref="DataShapeException">The data does not match <paramref name="signature"/>.</exception>
    /// <exception cref="TrainingDivergedException">A loss became NaN or infinite.</exception>
    /// <exception cref="CheckpointException">Another run uses the checkpoint path, or <see cref="TrainOptions.Resume"/> found a damaged or unfitting checkpoint.</exception>
    /// <exception cref="OperationCanceledException"><see cref="TrainOptions.Cancellation"/> was cancelled.</exception>
    public static GanResult<TGenerator, TDiscriminator> Run<TGenerator, TDiscriminator>(
        TrainConfig config, Func<TGenerator> createGenerator, Func<TDiscriminator> createDiscriminator, int latentSize,
        IDataSource data, DatasetSignature signature, TrainOptions? options = null, string? experimentName = null)
        where TGenerator : torch.nn.Module<torch.Tensor, torch.Tensor>
        where TDiscriminator : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(createGenerator);
        ArgumentNullException.ThrowIfNull(createDiscriminator);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(signature);
        if (latentSize <= 0) throw new ArgumentException($"The latent size must be positive, got {latentSize}.", nameof(latentSize));
        options ??= new TrainOptions();
        MonitoredMetric.RequireValidationLoss(config.EarlyStopping, "a GAN has no validation metric (\"val_loss\" then watches the training loss)");
        config.Validate();
        options.Validate();
        var device = ComputeDevices.Resolve(config.Device, options.Device);

        var clock = Stopwatch.StartNew();
        string modelName = typeof(TGenerator).Name;
        string source = data.GetType().Name;
        using var store = CheckpointStore.OpenForRun(options, experimentName, modelName);

        // Seed before the models exist so their initial weights are reproducible.
        torch.manual_seed(config.Seed);
        TGenerator generator = createGenerator();
        TDiscriminator discriminator = createDiscriminator();
        // Moved before the optimizers take their parameters, which must be the device's.
        generator.to(device);
        discriminator.to(device);
        LabelledData loaded = signature.Check(data.Load(), source);
        // With Normalize the discriminator reads standardised real samples, so the generator learns to produce those.
        using var split = TrainingData.Split(loaded, config, source, device, out var normalization, validationSplit: 0);
        TrainingData.SaveBeside(store, normalization, null, options.Resume);
        using var generatorOptimizer = CreateOptimizer(config, generator);
        using var discriminatorOptimizer = CreateOptimizer(config, discriminator);
        var paradigm = new GanParadigm(config, generator, discriminator, typeof(TDiscriminator).Name, latentSize, split,
            generatorOptimizer, discriminatorOptimizer);
        var training = new EpochLoop<long[]>(paradigm, config, options, modelName, store).Train(generator, clock, null);
        return new GanResult<TGenerator, TDiscriminator>(training with { Normalization = normalization }, discriminator, paradigm.DiscriminatorLosses);
    }

    /// <summary>
    /// Adam with β1 = 0.5, as in DCGAN (Radford et al., 2016) and most GAN recipes since: with PyTorch's default 0.9 the
    /// momentum carries each player past the other's moving target and training oscillates. SGD as configured.
    /// </summary>
    private static TorchSharp.Modules.OptimizerHelper CreateOptimizer(TrainConfig config, torch.nn.Module model) =>
        config.Optimizer == Optim.Adam
            ? torch.optim.Adam(model.parameters(), config.LearningRate, beta1: 0.5, beta2: 0.999, weight_decay: config.WeightDecay)
            : SupervisedTrainer.CreateOptimizer(config, model);
}
