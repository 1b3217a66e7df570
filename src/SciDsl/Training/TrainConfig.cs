namespace SciDsl;

/// <summary>
/// How to train: what the <c>[Supervised]</c>, <c>[Optimizer]</c>, <c>[Train]</c> and <c>[Schedule]</c> attributes declare.
/// Defaults match the attributes' defaults.
/// </summary>
/// <param name="Momentum">SGD momentum (Adam ignores it).</param>
/// <param name="ValidationSplit">Fraction of samples held out for validation, in [0, 1); 0 = no validation.</param>
/// <param name="LabelSmoothing">Cross-entropy: the share of target mass spread over all classes, in [0, 1).</param>
/// <param name="ClassWeights">Cross-entropy: one non-negative weight per class; null = all 1.</param>
/// <param name="HuberDelta">Huber: where the loss turns from squared to absolute.</param>
/// <param name="GradientClipNorm">Clip the global gradient L2 norm to this before each step; null = no clipping. <see cref="TrainOptions.GradientClipNorm"/> overrides it.</param>
/// <param name="EarlyStopping">The metric that picks the best epoch and that <paramref name="Patience"/> watches (see <see cref="TrainAttribute.EarlyStopping"/>).</param>
/// <param name="Patience">Stop after this many epochs without improvement; null = never. <see cref="TrainOptions.EarlyStoppingPatience"/> overrides it.</param>
/// <param name="WarmupEpochs">Epochs of linear learning-rate warm-up (see <see cref="ScheduleAttribute.WarmupEpochs"/>).</param>
/// <param name="StepEpochs">Step schedule: epochs between decays by <paramref name="Gamma"/>.</param>
/// <param name="Augmentation">Applied to every training batch (never to validation), drawn from a generator seeded by
/// seed, epoch and batch; what <c>[Augment]</c> declares. Null = none.</param>
/// <param name="Mixing">Mixup or CutMix of every training batch, after <paramref name="Augmentation"/>, trained against soft
/// targets; what <c>[Mixup]</c> declares. Cross-entropy only. Null = none.</param>
/// <param name="TestSplit">Fraction of samples held out for testing, in [0, 1), with <paramref name="ValidationSplit"/> + it
/// below 1; evaluated once with the returned weights (<see cref="TrainingResult{TModel}.Test"/>). 0 = none.</param>
/// <param name="Device">Where the model trains (see <see cref="ComputeDevice"/>); <see cref="TrainOptions.Device"/> overrides it.</param>
/// <param name="Normalize">Standardise the first input per feature (<see cref="SciDsl.Normalization"/>) with statistics fitted on the
/// training split only and applied to validation and test; saved beside the checkpoint (<see cref="DataPreparation"/>) and
/// returned in <see cref="TrainingResult{TModel}.Normalization"/>, so <see cref="Predictor{TModel}"/> takes raw inputs.
/// What <c>[Train(Normalize = true)]</c> declares; every trainer applies it, to the samples that train beside the split too
/// (unlabelled, target-domain) with the training split's statistics (docs/paradigms.md, "Normalisation").</param>
public sealed record TrainConfig(
    Loss Loss,
    Optim Optimizer,
    double LearningRate = 1e-3,
    double Momentum = 0,
    double WeightDecay = 0,
    int Epochs = 10,
    int BatchSize = 32,
    int Seed = 42,
    double ValidationSplit = 0.2,
    double LabelSmoothing = 0,
    IReadOnlyList<double>? ClassWeights = null,
    double HuberDelta = 1.0,
    double? GradientClipNorm = null,
    string EarlyStopping = "val_loss",
    int? Patience = null,
    LrSchedule Schedule = LrSchedule.Constant,
    int WarmupEpochs = 0,
    int StepEpochs = 10,
    double Gamma = 0.1,
    IAugmentation? Augmentation = null,
    MixSetting? Mixing = null,
    double TestSplit = 0,
    ComputeDevice Device = ComputeDevice.Auto,
    bool Normalize = false)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that cannot work.</summary>
    public void Validate()
    {
        if (Epochs <= 0) throw Invalid(nameof(Epochs), $"must be positive, got {Epochs}");
        if (BatchSize <= 0) throw Invalid(nameof(BatchSize), $"must be positive, got {BatchSize}");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw Invalid(nameof(LearningRate), $"must be a positive number, got {LearningRate}");
        if (!(Momentum >= 0)) throw Invalid(nameof(Momentum), $"must be >= 0, got {Momentum}");
        if (!(WeightDecay >= 0)) throw Invalid(nameof(WeightDecay), $"must be >= 0, got {WeightDecay}");
        if (!(ValidationSplit >= 0 && ValidationSplit < 1)) throw Invalid(nameof(ValidationSplit), $"must be in [0, 1), got {ValidationSplit}");
        if (!(TestSplit >= 0 && TestSplit < 1)) throw Invalid(nameof(TestSplit), $"must be in [0, 1), got {TestSplit}");
        if (!(ValidationSplit + TestSplit < 1)) throw Invalid(nameof(TestSplit), $"plus ValidationSplit must leave training samples (sum below 1), got {TestSplit} + {ValidationSplit}");
        if (!(LabelSmoothing >= 0 && LabelSmoothing < 1)) throw Invalid(nameof(LabelSmoothing), $"must be in [0, 1), got {LabelSmoothing}");
        if (ClassWeights is not null && ClassWeights.Any(w => !(w >= 0) || double.IsInfinity(w)))
            throw Invalid(nameof(ClassWeights), $"must be finite and >= 0, got [{string.Join(", ", ClassWeights)}]");
        if (!(HuberDelta > 0)) throw Invalid(nameof(HuberDelta), $"must be positive, got {HuberDelta}");
        if (GradientClipNorm is { } norm && !(norm > 0)) throw Invalid(nameof(GradientClipNorm), $"must be positive, got {norm}");
        if (Patience is <= 0) throw Invalid(nameof(Patience), $"must be positive, got {Patience}");
        if (MonitoredMetric.Parse(EarlyStopping, Loss, ValidationSplit > 0) is { Problem: { } problem }) throw Invalid(nameof(EarlyStopping), problem);
        if (WarmupEpochs < 0) throw Invalid(nameof(WarmupEpochs), $"must be >= 0, got {WarmupEpochs}");
        if (StepEpochs <= 0) throw Invalid(nameof(StepEpochs), $"must be positive, got {StepEpochs}");
        if (!(Gamma > 0 && Gamma <= 1)) throw Invalid(nameof(Gamma), $"must be in (0, 1], got {Gamma}");
        if (Mixing is { } mixing)
        {
            if (Loss != Loss.CrossEntropy) throw Invalid(nameof(Mixing), $"needs Loss.CrossEntropy (it mixes class targets), got Loss.{Loss}");
            if (!(mixing.Alpha > 0) || double.IsInfinity(mixing.Alpha)) throw Invalid(nameof(Mixing), $"alpha must be a finite number > 0, got {mixing.Alpha}");
            if (ClassWeights is not null) throw Invalid(nameof(Mixing), "trains on soft targets, which class weights do not apply to; remove ClassWeights or the mixing");
        }
    }

    private static ArgumentException Invalid(string field, string problem) =>
        new($"TrainConfig.{field} {problem}.", field);
}
