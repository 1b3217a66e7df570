namespace SciDsl;

/// <summary>How a semi-supervised run uses its unlabelled samples (see <see cref="SemiSupervisedTrainer"/>).</summary>
/// <param name="Threshold">Pseudo-labelling: an unlabelled sample counts only when its predicted class has softmax probability ≥ this, in (0, 1]. Default 0.95 (FixMatch's).</param>
/// <param name="RampUpEpochs">λ rises linearly from 0 in epoch 1 to <paramref name="UnlabelledWeight"/> in epoch 1 + this; 0 = full weight from the start. Default 5.</param>
/// <param name="UnlabelledWeight">λ after the ramp-up: the weight of the unlabelled loss beside the labelled cross-entropy, ≥ 0 (0 = supervised-only on the same batches). Default 1.</param>
/// <param name="UnlabelledRatio">Unlabelled samples per step = this × <see cref="TrainConfig.BatchSize"/> (FixMatch's μ). Default 4.</param>
public sealed record SemiSupervisedSettings(
    double Threshold = 0.95,
    int RampUpEpochs = 5,
    double UnlabelledWeight = 1.0,
    int UnlabelledRatio = 4)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that cannot work.</summary>
    public void Validate()
    {
        if (!(Threshold > 0 && Threshold <= 1)) throw Invalid(nameof(Threshold), $"must be in (0, 1], got {Threshold}");
        if (RampUpEpochs < 0) throw Invalid(nameof(RampUpEpochs), $"must be >= 0, got {RampUpEpochs}");
        if (!(UnlabelledWeight >= 0) || double.IsInfinity(UnlabelledWeight)) throw Invalid(nameof(UnlabelledWeight), $"must be finite and >= 0, got {UnlabelledWeight}");
        if (UnlabelledRatio <= 0) throw Invalid(nameof(UnlabelledRatio), $"must be positive, got {UnlabelledRatio}");
    }

    private static ArgumentException Invalid(string field, string problem) =>
        new($"SemiSupervisedSettings.{field} {problem}.", field);
}
