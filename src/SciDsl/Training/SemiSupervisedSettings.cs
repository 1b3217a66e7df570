namespace SciDsl;

/// <summary>How a semi-supervised run uses its unlabelled samples (see <see cref="SemiSupervisedTrainer"/>).</summary>
public enum SemiSupervisedMethod
{
    /// <summary>Cross-entropy against the model's own confident predictions (Lee, 2013).</summary>
    PseudoLabel,

    /// <summary>Confident predictions on a weakly augmented view are the targets for a strongly augmented one (Sohn et al., 2020).</summary>
    FixMatch,

    /// <summary>The student matches an exponential moving average of itself, the teacher, on noisy views (Tarvainen and Valpola, 2017); the run returns the teacher.</summary>
    MeanTeacher,
}

/// <summary>How a semi-supervised run uses its unlabelled samples (see <see cref="SemiSupervisedTrainer"/>).</summary>
/// <param name="Threshold">Pseudo-label and FixMatch: an unlabelled sample counts only when its predicted class has softmax probability ≥ this, in (0, 1]. Default 0.95 (FixMatch's).</param>
/// <param name="RampUpEpochs">λ rises linearly from 0 in epoch 1 to <paramref name="UnlabelledWeight"/> in epoch 1 + this; 0 = full weight from the start. Default 5.</param>
/// <param name="UnlabelledWeight">λ after the ramp-up: the weight of the unlabelled loss (mean teacher: the consistency loss) beside the labelled cross-entropy, ≥ 0 (0 = supervised-only on the same batches). Default 1.</param>
/// <param name="UnlabelledRatio">Unlabelled samples per step = this × <see cref="TrainConfig.BatchSize"/> (FixMatch's μ). Default 4.</param>
/// <param name="Method">What is learnt from the unlabelled samples. Default <see cref="SemiSupervisedMethod.PseudoLabel"/>.</param>
/// <param name="EmaDecay">Mean teacher: teacher = decay × teacher + (1 − decay) × student after each step, in [0, 1); early steps use min(decay, 1 − 1/step) so the teacher does not keep the random start. Default 0.99.</param>
/// <param name="WeakAugmentation">FixMatch and mean teacher: the weak augmentation of every training view; null = <see cref="DefaultWeakAugmentation"/>.</param>
/// <param name="StrongAugmentation">FixMatch: the strong augmentation of the unlabelled view trained against the pseudo-labels; null = <see cref="DefaultStrongAugmentation"/>.
/// Mean teacher: the student's view when given (the teacher always gets the weak one); null = the weak one, which did far better on the digits.</param>
public sealed record SemiSupervisedSettings(
    double Threshold = 0.95,
    int RampUpEpochs = 5,
    double UnlabelledWeight = 1.0,
    int UnlabelledRatio = 4,
    SemiSupervisedMethod Method = SemiSupervisedMethod.PseudoLabel,
    double EmaDecay = 0.99,
    IAugmentation? WeakAugmentation = null,
    IAugmentation? StrongAugmentation = null)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that cannot work.</summary>
    public void Validate()
    {
        if (!(Threshold > 0 && Threshold <= 1)) throw Invalid(nameof(Threshold), $"must be in (0, 1], got {Threshold}");
        if (RampUpEpochs < 0) throw Invalid(nameof(RampUpEpochs), $"must be >= 0, got {RampUpEpochs}");
        if (!(UnlabelledWeight >= 0) || double.IsInfinity(UnlabelledWeight)) throw Invalid(nameof(UnlabelledWeight), $"must be finite and >= 0, got {UnlabelledWeight}");
        if (UnlabelledRatio <= 0) throw Invalid(nameof(UnlabelledRatio), $"must be positive, got {UnlabelledRatio}");
        if (!Enum.IsDefined(Method)) throw Invalid(nameof(Method), $"must be a SemiSupervisedMethod, got {(int)Method}");
        if (!(EmaDecay >= 0 && EmaDecay < 1)) throw Invalid(nameof(EmaDecay), $"must be in [0, 1), got {EmaDecay}");
    }

    /// <summary>λ for a 1-based epoch: 0 in the first (the model's guesses are still noise), full after the ramp.</summary>
    public double UnlabelledWeightAt(int epoch) =>
        RampUpEpochs == 0 ? UnlabelledWeight : UnlabelledWeight * Math.Min(1.0, (epoch - 1) / (double)RampUpEpochs);

    /// <summary>
    /// FixMatch's weak view for samples of the given rank (without the batch axis): images <c>[C,H,W]</c> move by up to
    /// 1 pixel; other samples get Gaussian noise of σ 0.05.
    /// </summary>
    public static IAugmentation DefaultWeakAugmentation(int sampleRank) =>
        sampleRank == 3 ? Augmentation.RandomCrop(1) : Augmentation.Noise(0.05);

    /// <summary>
    /// FixMatch's strong view: images move by up to 2 pixels, lose a random square of 3/8 of their side (at least
    /// 1 pixel), have their contrast jittered by ±50 % and get noise of σ 0.1; other samples get noise of σ 0.2.
    /// </summary>
    public static IAugmentation DefaultStrongAugmentation(int sampleRank, long imageSide) =>
        sampleRank == 3
            ? Augmentation.Compose(Augmentation.RandomCrop(2), new Cutout((int)Math.Max(1, imageSide * 3 / 8)), Augmentation.Jitter(0, 0.5), Augmentation.Noise(0.1))
            : Augmentation.Noise(0.2);

    private static ArgumentException Invalid(string field, string problem) =>
        new($"SemiSupervisedSettings.{field} {problem}.", field);
}
