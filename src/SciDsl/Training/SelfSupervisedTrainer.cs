using System.Diagnostics;
using TorchSharp;

namespace SciDsl;

/// <summary>
/// Trains a model on unlabelled samples with a self-supervised objective (<see cref="SelfSupervisedSettings"/>); what a
/// generated <c>[SelfSupervised]</c> experiment's <c>Run</c> calls. The model returns (representation, head output).
/// </summary>
public static class SelfSupervisedTrainer
{
    /// <summary>
    /// Seeds torch, builds the model, holds out <see cref="TrainConfig.ValidationSplit"/> of the samples (their
    /// objective is the validation loss), then trains with a checkpoint after every epoch; <see cref="TrainOptions.Resume"/>
    /// continues bit-identically. Contrastive learning draws its two views with <see cref="TrainConfig.Augmentation"/>.
    /// <see cref="TrainConfig.Loss"/> is not used: the method's objective replaces it.
    /// </summary>
    /// <param name="samples">Unlabelled samples <c>[N, sample dims…]</c>; int64 token ids <c>[N, T]</c> for <see cref="SelfSupervisedMethod.Masked"/>.</param>
    /// <param name="experimentName">Names the default checkpoint, <c>checkpoints/&lt;experimentName&gt;.ckpt</c>. Default: the model's name.</param>
    /// <exception cref="ArgumentException">The config, options, settings or samples cannot work for the method.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="CheckpointException">Another run uses the checkpoint path, or <see cref="TrainOptions.Resume"/> found a damaged or unfitting checkpoint.</exception>
    /// <exception cref="OperationCanceledException"><see cref="TrainOptions.Cancellation"/> was cancelled.</exception>
    public static SelfSupervisedResult<TModel> Run<TModel>(
        TrainConfig config, Func<TModel> createModel, torch.Tensor samples, SelfSupervisedSettings settings,
        TrainOptions? options = null, string? experimentName = null)
        where TModel : torch.nn.Module<torch.Tensor, (torch.Tensor, torch.Tensor)>
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(settings);
        options ??= new TrainOptions();
        config.Validate();
        options.Validate();
        settings.Validate();
        CheckFitsMethod(config, samples, settings);
        var device = ComputeDevices.Resolve(config.Device, options.Device);

        var clock = Stopwatch.StartNew();
        string modelName = typeof(TModel).Name;
        using var store = CheckpointStore.OpenForRun(options, experimentName, modelName);

        TModel model = TrainingData.SeededModel(createModel, config, device);
        var (train, validation) = Split(samples, config);
        // Fitted on the training part only, like every trainer's; the held-out samples are standardised with it.
        var normalization = config.Normalize ? Normalization.Fit(new SampleSet([(SamplesInput, train)]), NormalizeOver.Feature) : null;
        train = TrainingData.Alongside(train, normalization, device);
        validation = validation is null ? null : TrainingData.Alongside(validation, normalization, device);
        TrainingData.SaveBeside(store, normalization, null, options.Resume);
        using var optimizer = SupervisedTrainer.CreateOptimizer(config, model);
        var paradigm = new SelfSupervisedParadigm(config, model, modelName, settings, train, validation, optimizer);
        var loop = new EpochLoop<long[]>(paradigm, config, options, modelName, store);
        var (history, stopReason) = ProgressDisplay.Run(options, loop.Run);
        if (loop.BestEpoch is not null) model.load(store.BestWeightsPath);
        return new SelfSupervisedResult<TModel>(
            model, history, store.CheckpointPath, loop.BestEpoch is null ? null : store.BestWeightsPath, stopReason, clock.Elapsed, loop.BestEpoch)
        {
            CreateModel = createModel,
            Normalization = normalization,
        };
    }

    /// <summary>What the samples are called in the normalisation's statistics.</summary>
    private const string SamplesInput = "x";

    /// <summary>
    /// The samples of a data set checked against its declared signature (one input; targets, if any, are ignored), then
    /// <see cref="Run{TModel}(TrainConfig, Func{TModel}, torch.Tensor, SelfSupervisedSettings, TrainOptions?, string?)"/>.
    /// </summary>
    /// <exception cref="DataShapeException">The samples do not match <paramref name="signature"/>.</exception>
    public static SelfSupervisedResult<TModel> Run<TModel>(
        TrainConfig config, Func<TModel> createModel, SampleSet data, DatasetSignature signature, SelfSupervisedSettings settings,
        TrainOptions? options = null, string? experimentName = null)
        where TModel : torch.nn.Module<torch.Tensor, (torch.Tensor, torch.Tensor)>
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(signature);
        var checkedData = signature.Check(data, experimentName ?? typeof(TModel).Name);
        if (checkedData.Inputs.Count != 1)
            throw new ArgumentException(
                $"Self-supervised training takes samples with one input, but the data has {checkedData.Inputs.Count} ({string.Join(", ", checkedData.InputNames)}).", nameof(data));
        return Run(config, createModel, checkedData.Inputs[0], settings, options, experimentName);
    }

    /// <summary>
    /// The representation (the model's first output) of <paramref name="samples"/>, computed in eval mode without
    /// gradients in batches of <paramref name="batchSize"/> on the model's device, and returned on the CPU; the model's
    /// training mode is restored afterwards. The samples go in as they are (see <see cref="SelfSupervisedResult{TModel}.Encode"/>
    /// for raw samples of a run with <see cref="TrainConfig.Normalize"/>).
    /// </summary>
    public static torch.Tensor Encode(torch.nn.Module<torch.Tensor, (torch.Tensor, torch.Tensor)> model, torch.Tensor samples, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        bool training = model.training;
        model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            var device = ComputeDevices.Of(model);
            var parts = new List<torch.Tensor>();
            for (long start = 0; start < samples.shape[0]; start += batchSize)
                parts.Add(model.forward(samples.narrow(0, start, Math.Min(batchSize, samples.shape[0] - start)).to(device)).Item1.cpu());
            return torch.cat(parts, 0);
        }
        finally
        {
            model.train(training);
        }
    }

    private static void CheckFitsMethod(TrainConfig config, torch.Tensor samples, SelfSupervisedSettings settings)
    {
        if (samples.dim() < 2 || samples.shape[0] == 0)
            throw new ArgumentException($"The samples have shape [{string.Join(", ", samples.shape)}]; self-supervised training needs [N, sample dims…] with N > 0.", nameof(samples));
        if (config.EarlyStopping != MonitoredMetric.ValidationLoss)
            throw new ArgumentException(
                $"TrainConfig.EarlyStopping is \"{config.EarlyStopping}\", but self-supervised training has one validation metric, \"{MonitoredMetric.ValidationLoss}\" (its objective on held-out samples).", nameof(config));
        if (config.Mixing is not null)
            throw new ArgumentException("TrainConfig.Mixing mixes class targets, which self-supervised training has none of; remove it.", nameof(config));
        if (settings.Method == SelfSupervisedMethod.Contrastive && config.Augmentation is null)
            throw new ArgumentException(
                "SelfSupervisedMethod.Contrastive compares two augmented views of each sample, but TrainConfig.Augmentation is null; " +
                "give it the views' augmentation, e.g. Augmentation.Compose(Augmentation.RandomCrop(1), Augmentation.Noise(0.1)).", nameof(config));
        if (settings.Method == SelfSupervisedMethod.Masked && (samples.dtype != torch.ScalarType.Int64 || samples.dim() != 2))
            throw new ArgumentException(
                $"SelfSupervisedMethod.Masked predicts masked tokens of sequences, int64 [N, T], but the samples are {samples.dtype.ToString().ToLowerInvariant()} [{string.Join(", ", samples.shape)}].",
                nameof(samples));
        if (settings.Method == SelfSupervisedMethod.Masked && config.Normalize)
            throw new ArgumentException(
                "TrainConfig.Normalize standardises floating-point features, but SelfSupervisedMethod.Masked trains on int64 token ids, which have no scale to standardise; remove Normalize.",
                nameof(config));
        if (settings.Method != SelfSupervisedMethod.Masked && !samples.is_floating_point())
            throw new ArgumentException(
                $"SelfSupervisedMethod.{settings.Method} needs floating-point samples, but they are {samples.dtype.ToString().ToLowerInvariant()}; token sequences train with SelfSupervisedMethod.Masked.",
                nameof(samples));
    }

    /// <summary>A seeded hold-out of <see cref="TrainConfig.ValidationSplit"/> of the samples; null validation when it is 0.</summary>
    private static (torch.Tensor Train, torch.Tensor? Validation) Split(torch.Tensor samples, TrainConfig config)
    {
        int count = checked((int)samples.shape[0]);
        int validCount = (int)Math.Round(count * config.ValidationSplit);
        if (config.ValidationSplit > 0 && (validCount == 0 || validCount == count))
            throw new ArgumentException(
                $"The data has {count} samples: too few for ValidationSplit = {config.ValidationSplit} " +
                $"(it needs at least {(int)Math.Ceiling(0.5 / config.ValidationSplit)} so both parts are non-empty).", nameof(config));
        long[] order = DataSplit.Permutation(count, new Random(config.Seed));
        var train = samples.index_select(0, torch.tensor(order[validCount..]));
        return (train, validCount == 0 ? null : samples.index_select(0, torch.tensor(order[..validCount])));
    }
}
