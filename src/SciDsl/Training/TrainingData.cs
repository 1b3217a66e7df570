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
    /// The normalisation and class names beside the checkpoint from the start, so a killed run's weights still map back
    /// to class names and raw inputs; always, even empty, so a predictor can tell a lost sidecar from raw-input training.
    /// </summary>
    public static void SaveBeside(CheckpointStore store, Normalization? normalization, ClassLabels? classes) =>
        new DataPreparation(normalization, classes).Save(DataPreparation.PathBeside(store.CheckpointPath));

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
