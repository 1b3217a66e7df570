using System.Diagnostics;
using TorchSharp;

namespace SciDsl;

/// <summary>
/// Trains a classifier on labelled source data so that it carries over to an unlabelled target domain (DANN or Deep
/// CORAL on a named layer's features, <see cref="DomainAdaptationSettings"/>); what a generated
/// <c>[DomainAdaptation]</c> experiment's <c>Run</c> calls.
/// </summary>
public static class DomainAdaptationTrainer
{
    /// <summary>
    /// Like <see cref="SupervisedTrainer.Run{TModel}"/> (seed, model, checked and split source data, a checkpoint after
    /// every epoch holding every module, optimizer and the λ schedule's position, resume, validation on held-out source
    /// samples), plus the target samples: each step adds the adaptation loss between the features of a source batch and
    /// of as many target samples. An epoch is one pass over the source training samples.
    /// </summary>
    /// <param name="target">Target-domain features <c>[N, sample dims…]</c> of the source's sample shape and element type, N &gt; 0; no labels.
    /// With <see cref="TrainConfig.Normalize"/>, standardised with the source training part's statistics.</param>
    /// <exception cref="ArgumentException">The config, options or settings cannot work, the loss is not cross-entropy, the
    /// target samples are empty or of another shape, or the model has no such feature layer.</exception>
    /// <exception cref="DataShapeException">The source data does not match <paramref name="signature"/>.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="CheckpointException">Another run uses the checkpoint path, or <see cref="TrainOptions.Resume"/> found a damaged or unfitting checkpoint.</exception>
    /// <exception cref="OperationCanceledException"><see cref="TrainOptions.Cancellation"/> was cancelled.</exception>
    public static TrainingResult<TModel> Run<TModel>(
        TrainConfig config, Func<TModel> createModel, IDataSource source, torch.Tensor target, DatasetSignature signature,
        DomainAdaptationSettings settings, TrainOptions? options = null, string? experimentName = null)
        where TModel : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(settings);
        options ??= new TrainOptions();
        config.Validate();
        options.Validate();
        settings.Validate();
        if (config.Loss != Loss.CrossEntropy)
            throw new ArgumentException($"Domain adaptation trains a classifier with Loss.CrossEntropy, but the config has Loss.{config.Loss}.", nameof(config));
        SupervisedTrainer.CheckLossFitsTarget(config, signature);
        var device = ComputeDevices.Resolve(config.Device, options.Device);

        var clock = Stopwatch.StartNew();
        string modelName = typeof(TModel).Name;
        string sourceName = source.GetType().Name;
        LabelledData loaded = signature.Check(source.Load(), sourceName);
        ShapeCheck.RequireLike(target, loaded.Features, "target-domain samples", $"{sourceName}'s samples", "domain adaptation", nameof(target));
        using var store = CheckpointStore.OpenForRun(options, experimentName, modelName);

        // The domain classifier, created after the model, draws its initial weights from the same seeded stream.
        TModel model = TrainingData.SeededModel(createModel, config, device);
        using var features = new LayerOutputCapture(model, settings.FeatureLayer, modelName);
        using var split = TrainingData.Split(loaded, config, sourceName, device, out var normalization);
        // Target samples reach the model on the source's scale (the source training part's statistics), so normalising
        // does not itself remove the shift the adaptation is there to bridge.
        var targetOnDevice = TrainingData.Alongside(target, normalization, device);
        long featureWidth = FeatureWidth(model, features, split.TrainFeatures);
        TrainingData.SaveBeside(store, normalization, loaded.Classes, options.Resume);
        using var optimizer = SupervisedTrainer.CreateOptimizer(config, model);
        var supervised = new SupervisedParadigm(config, model, modelName, sourceName, signature, split, optimizer);
        var paradigm = new DomainAdaptationParadigm(
            config, model, split, targetOnDevice, settings, optimizer, supervised, features, featureWidth, options.Epochs ?? config.Epochs);
        try
        {
            var result = new EpochLoop<DomainBatch>(paradigm, config, options, modelName, store).Train(model, clock, loaded.Classes);
            return result with { Normalization = normalization };
        }
        finally
        {
            foreach (var extra in paradigm.Optimizers.Skip(1)) extra.Dispose();
        }
    }

    /// <summary>The feature layer's output width per sample, from one eval-mode pass (no dropout draws, so no randomness used).</summary>
    private static long FeatureWidth(torch.nn.Module<torch.Tensor, torch.Tensor> model, LayerOutputCapture features, torch.Tensor samples)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        model.forward(samples.narrow(0, 0, 1));
        return features.Take().flatten(1).shape[1];
    }
}
