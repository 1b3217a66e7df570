using TorchSharp;

namespace SciDsl;

/// <summary>
/// How every trainer prepares its data, in one place: the first input standardised (<see cref="TrainConfig.Normalize"/>)
/// with statistics fitted on the training part of the trainer's seeded split only, and the split's parts, and any
/// unlabelled or target-domain samples, copied once to the device the model trains on, so every batch is gathered there.
/// </summary>
internal static class TrainingData
{
    /// <summary>
    /// The seeded split of <paramref name="loaded"/> on <paramref name="device"/>, normalised when the config asks for it.
    /// </summary>
    /// <param name="normalization">The statistics fitted on the training part (or <paramref name="fitted"/>); null without <see cref="TrainConfig.Normalize"/>.</param>
    /// <param name="fitted">Statistics fitted earlier (a self-supervised pretraining's), applied instead of fitting new ones.</param>
    /// <param name="validationSplit">The trainer's validation fraction; default the config's (a GAN holds none out).</param>
    /// <param name="testSplit">The trainer's test fraction; default 0 (only supervised training evaluates a test part).</param>
    public static DataSplit Split(
        SampleSet loaded, torch.Tensor targets, TrainConfig config, string source, torch.Device device, out Normalization? normalization,
        double? validationSplit = null, double testSplit = 0, Normalization? fitted = null)
    {
        double validation = validationSplit ?? config.ValidationSplit;
        normalization = fitted ?? (config.Normalize ? FitOnTrainingSplit(loaded, targets, config.Seed, validation, testSplit, source) : null);
        var inputs = normalization?.Apply(loaded).Inputs ?? loaded.Inputs;
        return DataSplit.Create(inputs, targets, validation, testSplit, config.Seed, source, device);
    }

    /// <inheritdoc cref="Split(SampleSet, torch.Tensor, TrainConfig, string, torch.Device, out Normalization?, double?, double, Normalization?)"/>
    public static DataSplit Split(
        LabelledData loaded, TrainConfig config, string source, torch.Device device, out Normalization? normalization, double? validationSplit = null) =>
        Split(SampleSet.From(loaded), loaded.Targets, config, source, device, out normalization, validationSplit);

    /// <summary>
    /// Samples that train beside the split (unlabelled, target-domain) as the model sees the split's: standardised with
    /// the training split's statistics (never their own, so both reach the model on one scale) and on <paramref name="device"/>.
    /// </summary>
    public static torch.Tensor Alongside(torch.Tensor samples, Normalization? normalization, torch.Device device)
    {
        var prepared = normalization?.ApplyToFeatures(samples) ?? samples;
        return prepared.device_type == device.type && prepared.device_index == device.index ? prepared : prepared.to(device);
    }

    /// <summary>
    /// The model, created after seeding so its initial weights are reproducible, and moved to the device before an
    /// optimizer takes its parameters, which must be the device's.
    /// </summary>
    public static TModel SeededModel<TModel>(Func<TModel> createModel, TrainConfig config, torch.Device device) where TModel : torch.nn.Module
    {
        torch.manual_seed(config.Seed);
        TModel model = createModel();
        model.to(device);
        return model;
    }

    /// <summary>
    /// The normalisation and class names beside the checkpoint from the start, so a killed run's weights still map back
    /// to class names and raw inputs; always, even empty, so a predictor can tell a lost sidecar from raw-input training.
    /// A run that resumes must see the data its checkpoint was trained on: statistics or class names that differ from
    /// the saved ones would silently change what the weights mean, so that is refused.
    /// </summary>
    /// <exception cref="CheckpointException">Resuming with other class names, or other normalisation statistics, than the checkpoint's run.</exception>
    public static void SaveBeside(CheckpointStore store, Normalization? normalization, ClassLabels? classes, bool resume)
    {
        string path = DataPreparation.PathBeside(store.CheckpointPath);
        var preparation = new DataPreparation(normalization, classes);
        if (resume && File.Exists(store.CheckpointPath) && File.Exists(path)
            && DataChange(DataPreparation.Load(path), preparation) is { } change)
            throw new CheckpointException(store.CheckpointPath,
                $"the data differ from the run that wrote it: {change}. Resume with the same data and settings, or start a new run " +
                "(Resume = false, or another CheckpointPath)");
        preparation.Save(path);
    }

    private static string? DataChange(DataPreparation saved, DataPreparation now)
    {
        string Names(ClassLabels? classes) => classes is null ? "none" : "[" + string.Join(", ", classes.Names) + "]";
        if (!(saved.Classes?.Names ?? []).SequenceEqual(now.Classes?.Names ?? []))
            return $"the class names were {Names(saved.Classes)} and are now {Names(now.Classes)}";
        if ((saved.Normalization is null) != (now.Normalization is null))
            return saved.Normalization is null
                ? "the checkpoint was trained on raw inputs and this run has Normalize = true"
                : "the checkpoint was trained with Normalize = true and this run has Normalize = false";
        if (saved.Normalization is null || now.Normalization is null) return null;
        foreach (var (before, after) in saved.Normalization.Inputs.Zip(now.Normalization.Inputs))
        {
            if (before.Input != after.Input || !before.Shape.SequenceEqual(after.Shape))
                return $"the normalised input was {before.Input} [{string.Join(", ", before.Shape)}] and is now {after.Input} [{string.Join(", ", after.Shape)}]";
            // Refitting the same split gives the same statistics up to the summation order of the reduction.
            int changed = Enumerable.Range(0, before.Mean.Length).FirstOrDefault(
                i => !Close(before.Mean[i], after.Mean[i]) || !Close(before.Std[i], after.Std[i]), -1);
            if (changed >= 0)
                return FormattableString.Invariant($"the statistics of input '{before.Input}' fitted on the training split changed (element {changed}: ") +
                    FormattableString.Invariant($"mean {before.Mean[changed]:G6} → {after.Mean[changed]:G6}, std {before.Std[changed]:G6} → {after.Std[changed]:G6})");
        }
        return null;
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-6 * (1 + Math.Abs(a));

    /// <summary>
    /// Statistics of the first input (the features; a graph's adjacency stays as is) over the training part of the same
    /// seeded split training uses, so validation and test samples never inform them.
    /// </summary>
    private static Normalization FitOnTrainingSplit(SampleSet loaded, torch.Tensor targets, int seed, double validationSplit, double testSplit, string source)
    {
        using var split = DataSplit.Create(loaded.Inputs, targets, validationSplit, testSplit, seed, source);
        string features = loaded.InputNames[0];
        return Normalization.Fit(new SampleSet([(features, split.TrainFeatures)]), NormalizeOver.Feature, features);
    }
}
