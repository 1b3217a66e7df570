using System.Diagnostics;
using TorchSharp;

namespace SciDsl;

/// <summary>Trains a variational autoencoder on a data set's samples (its targets are not used); see <see cref="VaeSettings"/>.</summary>
public static class VaeTrainer
{
    /// <summary>
    /// Like <see cref="SupervisedTrainer.Run{TModel}"/> (seed, model, checked and split data, a checkpoint after every
    /// epoch, resume, the best epoch's weights by validation loss), minimising the negative ELBO instead of a supervised loss.
    /// </summary>
    /// <param name="config"><see cref="TrainConfig.Loss"/> is the reconstruction loss: <see cref="Loss.MSE"/> or <see cref="Loss.BCEWithLogits"/> (the reconstruction is then logits).</param>
    /// <param name="outputs">The model's reconstruction, mean and log-variance for a batch (the generated experiment maps its named outputs).</param>
    /// <exception cref="ArgumentException">The config, options or settings cannot work, or the loss is not a reconstruction loss.</exception>
    /// <exception cref="DataShapeException">The data does not match <paramref name="signature"/>.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="CheckpointException">Another run uses the checkpoint path, or <see cref="TrainOptions.Resume"/> found a damaged or unfitting checkpoint.</exception>
    /// <exception cref="OperationCanceledException"><see cref="TrainOptions.Cancellation"/> was cancelled.</exception>
    public static TrainingResult<TModel> Run<TModel>(
        TrainConfig config, Func<TModel> createModel, Func<TModel, torch.Tensor, VaeOutputs> outputs, IDataSource data,
        DatasetSignature signature, TrainOptions? options = null, VaeSettings? settings = null, string? experimentName = null)
        where TModel : torch.nn.Module
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(signature);
        options ??= new TrainOptions();
        settings ??= new VaeSettings();
        MonitoredMetric.RequireValidationLoss(config.EarlyStopping, "a VAE validates its ELBO as \"val_loss\", with \"val_reconstruction\" and \"val_kl\" reported beside it");
        config.Validate();
        options.Validate();
        settings.Validate();
        if (config.Loss is not (Loss.MSE or Loss.BCEWithLogits))
            throw new ArgumentException($"A VAE's reconstruction loss is Loss.MSE or Loss.BCEWithLogits, but the config has Loss.{config.Loss}.", nameof(config));
        if (config.Normalize && config.Loss == Loss.BCEWithLogits)
            throw new ArgumentException(
                "TrainConfig.Normalize standardises the inputs to mean 0 and deviation 1, but Loss.BCEWithLogits reconstructs them as probabilities in [0, 1]; " +
                "use Loss.MSE with Normalize, or train on the raw [0, 1] inputs without it.", nameof(config));
        var device = ComputeDevices.Resolve(config.Device, options.Device);

        var clock = Stopwatch.StartNew();
        string modelName = typeof(TModel).Name;
        string source = data.GetType().Name;
        using var store = CheckpointStore.OpenForRun(options, experimentName, modelName);

        TModel model = TrainingData.SeededModel(createModel, config, device);
        LabelledData loaded = signature.Check(data.Load(), source);
        // The model reconstructs what it is given: with Normalize, the standardised samples.
        using var split = TrainingData.Split(loaded, config, source, device, out var normalization);
        TrainingData.SaveBeside(store, normalization, null, options.Resume);
        using var optimizer = SupervisedTrainer.CreateOptimizer(config, model);
        var paradigm = new VaeParadigm<TModel>(config, model, outputs, modelName, split, settings, optimizer);
        var result = new EpochLoop<long[]>(paradigm, config, options, modelName, store).Train(model, clock, null);
        return result with { Normalization = normalization };
    }
}
