using SciDsl.Interpretability;
using TorchSharp;

namespace SciDsl;

/// <summary>
/// A self-supervised run's trained model and how it got there, with the downstream uses of its representation:
/// <see cref="Encode"/>, <see cref="LinearProbe"/> and <see cref="FineTune"/>.
/// </summary>
/// <param name="Model">The model with the best epoch's weights (lowest validation loss); without validation, the last epoch's.</param>
/// <param name="CheckpointPath">The last epoch's checkpoint (<see cref="TrainOptions.Resume"/> continues from it).</param>
/// <param name="BestCheckpointPath">The best epoch's weights; null without validation.</param>
/// <param name="BestEpoch">The epoch whose weights <paramref name="Model"/> holds; null without validation.</param>
public sealed record SelfSupervisedResult<TModel>(
    TModel Model,
    IReadOnlyList<EpochMetrics> History,
    string CheckpointPath,
    string? BestCheckpointPath,
    StopReason StopReason,
    TimeSpan Elapsed,
    int? BestEpoch)
    where TModel : torch.nn.Module<torch.Tensor, (torch.Tensor, torch.Tensor)>
{
    public EpochMetrics Final => History[^1];

    /// <summary>
    /// The statistics fitted on the training samples (<see cref="TrainConfig.Normalize"/>, also saved beside the checkpoint);
    /// <see cref="Encode"/>, <see cref="LinearProbe"/> and <see cref="FineTune"/> standardise raw samples with them. Null
    /// when training used raw samples.
    /// </summary>
    public Normalization? Normalization { get; init; }

    /// <summary>Builds a fresh model of the same architecture, for <see cref="FineTune"/>'s copy.</summary>
    internal Func<TModel> CreateModel { get; init; } = null!;

    /// <summary>
    /// The learned representation of raw <paramref name="samples"/>, standardised first with <see cref="Normalization"/>
    /// when training was (see <see cref="SelfSupervisedTrainer.Encode"/>); on the CPU.
    /// </summary>
    public torch.Tensor Encode(torch.Tensor samples) =>
        SelfSupervisedTrainer.Encode(Model, Normalization?.ApplyToFeatures(samples) ?? samples);

    /// <summary>
    /// Fits a linear classifier on the frozen representation of the labelled <paramref name="trainSamples"/> and scores it
    /// on <paramref name="testSamples"/> (<see cref="Interpretability.LinearProbe.Classifier"/>): how linearly decodable the classes are.
    /// </summary>
    public ProbeResult LinearProbe(torch.Tensor trainSamples, torch.Tensor trainLabels, torch.Tensor testSamples, torch.Tensor testLabels)
    {
        using var scope = torch.NewDisposeScope();
        return Interpretability.LinearProbe.Classifier(Encode(trainSamples), trainLabels, Encode(testSamples), testLabels);
    }

    /// <summary>
    /// Supervised fine-tuning of a copy of the trained model (<see cref="Model"/> is left as it is) with a new linear
    /// classification head on its representation, through <see cref="SupervisedTrainer.Run{TModel}"/> (seeded,
    /// checkpoints, validation, early stopping). The head is first fitted on the frozen representation of the labelled
    /// samples (LP-FT, Kumar et al., 2022): a random head's first gradients would otherwise wreck the pretrained features.
    /// The data set's target must be classes. With a <see cref="Normalization"/>, the labelled samples are standardised
    /// with the pretraining's statistics (not refitted), returned and saved with the fine-tuned model.
    /// </summary>
    public TrainingResult<EncoderClassifier> FineTune(
        TrainConfig config, IDataSource labelled, DatasetSignature signature, TrainOptions? options = null, string? experimentName = null)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.Target != TargetKind.Class)
            throw new ArgumentException($"Fine-tuning adds a classification head, but the data set declares {signature.Target.ToString().ToLowerInvariant()} targets.", nameof(signature));
        EncoderClassifier CreateClassifier()
        {
            var copy = CreateModel();
            copy.load_state_dict(Model.state_dict());
            var data = labelled.Load();
            return EncoderClassifier.WithProbedHead(copy, Encode(data.Features), data.Targets, signature.TargetSize);
        }
        string name = experimentName ?? $"{typeof(TModel).Name}.FineTune";
        return Normalization is { } fitted
            ? SupervisedTrainer.RunWith(config, CreateClassifier, labelled, signature, fitted, options, name)
            : SupervisedTrainer.Run(config, CreateClassifier, labelled, signature, options, name);
    }
}
