using System.Diagnostics;
using TorchSharp;

namespace SciDsl;

/// <summary>
/// Trains a classifier on a few labelled samples and many unlabelled ones by pseudo-labelling, FixMatch or mean teacher
/// (<see cref="SemiSupervisedSettings.Method"/>); what a generated <c>[SemiSupervised]</c> experiment's <c>Run</c> calls.
/// </summary>
public static class SemiSupervisedTrainer
{
    /// <summary>
    /// Like <see cref="SupervisedTrainer.Run{TModel}"/> (seed, model, checked and split labelled data, a checkpoint after
    /// every epoch, resume, validation on the held-out labelled part), plus the unlabelled samples: each step adds the
    /// unlabelled loss of a batch of them. An epoch is one pass over the unlabelled samples. Mean teacher returns (and
    /// validates) the teacher; the checkpoint holds teacher and student.
    /// </summary>
    /// <param name="unlabelled">Features <c>[N, sample dims…]</c> of the same shape and element type as the labelled ones, N &gt; 0; with
    /// <see cref="TrainConfig.Normalize"/>, standardised with the labelled training part's statistics (never their own).</param>
    /// <param name="settings">Method, threshold, λ ramp-up, unlabelled batch size, EMA decay, augmentations; default <c>new SemiSupervisedSettings()</c> (pseudo-labelling).</param>
    /// <exception cref="ArgumentException">The config, options or settings cannot work, the loss is not cross-entropy, or the unlabelled samples are empty or of another shape.</exception>
    /// <exception cref="DataShapeException">The labelled data does not match <paramref name="signature"/>.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="CheckpointException">Another run uses the checkpoint path, or <see cref="TrainOptions.Resume"/> found a damaged or unfitting checkpoint.</exception>
    /// <exception cref="OperationCanceledException"><see cref="TrainOptions.Cancellation"/> was cancelled.</exception>
    public static TrainingResult<TModel> Run<TModel>(
        TrainConfig config, Func<TModel> createModel, IDataSource labelled, torch.Tensor unlabelled, DatasetSignature signature,
        TrainOptions? options = null, SemiSupervisedSettings? settings = null, string? experimentName = null)
        where TModel : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(labelled);
        ArgumentNullException.ThrowIfNull(unlabelled);
        ArgumentNullException.ThrowIfNull(signature);
        options ??= new TrainOptions();
        settings ??= new SemiSupervisedSettings();
        config.Validate();
        options.Validate();
        settings.Validate();
        if (config.Loss != Loss.CrossEntropy)
            throw new ArgumentException($"Semi-supervised {settings.Method} needs class targets and Loss.CrossEntropy, but the config has Loss.{config.Loss}.", nameof(config));
        SupervisedTrainer.CheckLossFitsTarget(config, signature);
        var device = ComputeDevices.Resolve(config.Device, options.Device);

        var clock = Stopwatch.StartNew();
        string modelName = typeof(TModel).Name;
        string source = labelled.GetType().Name;
        LabelledData loaded = signature.Check(labelled.Load(), source);
        ShapeCheck.RequireLike(unlabelled, loaded.Features, "unlabelled samples", $"{source}'s labelled samples", "semi-supervised training", nameof(unlabelled));
        using var store = CheckpointStore.OpenForRun(options, experimentName, modelName);

        TModel model = TrainingData.SeededModel(createModel, config, device);
        // Mean teacher returns its teacher, built like the student under the same seed and then given the student's weights.
        TModel returned = model;
        if (settings.Method == SemiSupervisedMethod.MeanTeacher)
        {
            returned = createModel();
            returned.to(device);
            MeanTeacherParadigm.StartTeacher(returned, model);
        }
        using var split = TrainingData.Split(loaded, config, source, device, out var normalization);
        // The unlabelled samples reach the model on the labelled samples' scale: the labelled training part's statistics.
        var unlabelledOnDevice = TrainingData.Alongside(unlabelled, normalization, device);
        TrainingData.SaveBeside(store, normalization, loaded.Classes, options.Resume);
        using var optimizer = SupervisedTrainer.CreateOptimizer(config, model);
        // Validation is plain supervised validation of the returned model on the held-out labelled samples.
        var validation = new SupervisedParadigm(config, returned, modelName, source, signature, split, optimizer);
        int sampleRank = (int)unlabelledOnDevice.dim() - 1;
        var weak = settings.WeakAugmentation ?? SemiSupervisedSettings.DefaultWeakAugmentation(sampleRank);
        SemiSupervisedParadigm paradigm = settings.Method switch
        {
            SemiSupervisedMethod.FixMatch => new FixMatchParadigm(config, model, split, unlabelledOnDevice, settings, weak,
                settings.StrongAugmentation ?? SemiSupervisedSettings.DefaultStrongAugmentation(sampleRank, unlabelledOnDevice.shape[^1]), optimizer, validation),
            SemiSupervisedMethod.MeanTeacher => new MeanTeacherParadigm(config, returned, model, split, unlabelledOnDevice, settings,
                settings.StrongAugmentation ?? weak, weak, optimizer, validation),
            _ => new PseudoLabelParadigm(config, model, split, unlabelledOnDevice, settings, optimizer, validation),
        };
        var result = new EpochLoop<SemiSupervisedBatch>(paradigm, config, options, modelName, store).Train(returned, clock, loaded.Classes);
        return result with { Normalization = normalization };
    }

    /// <summary>
    /// <see cref="Run{TModel}(TrainConfig, Func{TModel}, IDataSource, torch.Tensor, DatasetSignature, TrainOptions?, SemiSupervisedSettings?, string?)"/>
    /// with the unlabelled samples loaded from a <c>[Dataset]</c> without targets and checked against its signature;
    /// what a generated <c>[SemiSupervised]</c> experiment's <c>Run</c> calls.
    /// </summary>
    /// <exception cref="DataShapeException">The unlabelled samples do not match <paramref name="unlabelledSignature"/>, or have several inputs.</exception>
    public static TrainingResult<TModel> Run<TModel>(
        TrainConfig config, Func<TModel> createModel, IDataSource labelled, DatasetSignature signature,
        ISampleSource unlabelled, DatasetSignature unlabelledSignature, TrainOptions? options = null, SemiSupervisedSettings? settings = null,
        string? experimentName = null)
        where TModel : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        ArgumentNullException.ThrowIfNull(unlabelled);
        ArgumentNullException.ThrowIfNull(unlabelledSignature);
        string source = unlabelled.GetType().Name;
        var samples = unlabelledSignature.Check(unlabelled.LoadSamples(), source);
        if (samples.Inputs.Count != 1)
            throw DataShapeException.InData(source, "one input per sample, like the labelled samples", $"inputs {string.Join(", ", samples.InputNames)}");
        return Run(config, createModel, labelled, samples.Inputs[0], signature, options, settings, experimentName);
    }
}
