using System.Diagnostics;
using TorchSharp;

namespace SciDsl;

/// <summary>Trains a classifier on a few labelled samples and many unlabelled ones by pseudo-labelling (<see cref="SemiSupervisedSettings"/>).</summary>
public static class SemiSupervisedTrainer
{
    /// <summary>
    /// Like <see cref="SupervisedTrainer.Run{TModel}"/> (seed, model, checked and split labelled data, a checkpoint after
    /// every epoch, resume, validation on the held-out labelled part), plus the unlabelled samples: each step adds the
    /// pseudo-label loss of a batch of them. An epoch is one pass over the unlabelled samples.
    /// </summary>
    /// <param name="unlabelled">Features <c>[N, sample dims…]</c> of the same shape and element type as the labelled ones, N &gt; 0.</param>
    /// <param name="settings">Threshold, λ ramp-up and unlabelled batch size; default <c>new SemiSupervisedSettings()</c>.</param>
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
            throw new ArgumentException($"Pseudo-labelling needs class targets and Loss.CrossEntropy, but the config has Loss.{config.Loss}.", nameof(config));
        SupervisedTrainer.CheckLossFitsTarget(config, signature);

        var clock = Stopwatch.StartNew();
        string modelName = typeof(TModel).Name;
        string source = labelled.GetType().Name;
        LabelledData loaded = signature.Check(labelled.Load(), source);
        CheckUnlabelled(unlabelled, loaded.Features, source);
        using var store = CheckpointStore.Open(options.CheckpointPath ?? CheckpointStore.DefaultPath(experimentName ?? modelName));

        // Seed before the model exists so its initial weights are reproducible.
        torch.manual_seed(config.Seed);
        TModel model = createModel();
        if (loaded.Classes is not null)
            new DataPreparation(null, loaded.Classes).Save(DataPreparation.PathBeside(store.CheckpointPath));
        using var split = DataSplit.Create(loaded, config.ValidationSplit, config.Seed, source);
        using var optimizer = SupervisedTrainer.CreateOptimizer(config, model);
        // Validation is plain supervised validation of the same model on the held-out labelled samples.
        var supervised = new SupervisedParadigm(config, model, modelName, source, signature, split, optimizer);
        var paradigm = new PseudoLabelParadigm(config, model, split, unlabelled, settings, optimizer, supervised);
        return new EpochLoop<SemiSupervisedBatch>(paradigm, config, options, modelName, store).Train(model, clock, loaded.Classes);
    }

    private static void CheckUnlabelled(torch.Tensor unlabelled, torch.Tensor labelled, string source)
    {
        static string Shape(torch.Tensor t) => $"{t.dtype.ToString().ToLowerInvariant()} [{string.Join(", ", t.shape.Skip(1))}]";
        if (unlabelled.dim() == 0 || unlabelled.shape[0] == 0)
            throw new ArgumentException($"The unlabelled samples are empty (shape [{string.Join(", ", unlabelled.shape)}]); pseudo-labelling needs at least one.", nameof(unlabelled));
        if (unlabelled.dtype != labelled.dtype || !unlabelled.shape.Skip(1).SequenceEqual(labelled.shape.Skip(1)))
            throw new ArgumentException(
                $"The unlabelled samples are {Shape(unlabelled)} each, but {source}'s labelled samples are {Shape(labelled)}; give both the same sample shape and element type.",
                nameof(unlabelled));
    }
}
