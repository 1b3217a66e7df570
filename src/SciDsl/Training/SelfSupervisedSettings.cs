namespace SciDsl;

/// <summary>What a self-supervised run learns (see <see cref="SelfSupervisedTrainer"/>); the fields mirror <see cref="SelfSupervisedAttribute"/>.</summary>
/// <param name="Temperature">Contrastive: NT-Xent's softmax temperature, in (0, 10]. Default 0.5 (SimCLR's for small batches).</param>
/// <param name="NoiseLevel">Denoising: the standard deviation of the Gaussian noise added to the input, in (0, 10]. Default 0.3.</param>
/// <param name="MaskFraction">Masked: the share of positions masked, in (0, 1). Default 0.15 (BERT's).</param>
/// <param name="MaskToken">Masked: the token id written at masked positions; the vocabulary must reserve it. Default 0.</param>
public sealed record SelfSupervisedSettings(
    SelfSupervisedMethod Method,
    double Temperature = 0.5,
    double NoiseLevel = 0.3,
    double MaskFraction = 0.15,
    long MaskToken = 0)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that cannot work.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Method)) throw Invalid(nameof(Method), $"must be a SelfSupervisedMethod, got {(int)Method}");
        if (!(Temperature > 0 && Temperature <= 10)) throw Invalid(nameof(Temperature), $"must be in (0, 10], got {Temperature}");
        if (!(NoiseLevel > 0 && NoiseLevel <= 10)) throw Invalid(nameof(NoiseLevel), $"must be in (0, 10], got {NoiseLevel}");
        if (!(MaskFraction > 0 && MaskFraction < 1)) throw Invalid(nameof(MaskFraction), $"must be in (0, 1), got {MaskFraction}");
        if (MaskToken < 0) throw Invalid(nameof(MaskToken), $"must be >= 0, got {MaskToken}");
    }

    private static ArgumentException Invalid(string field, string problem) =>
        new($"SelfSupervisedSettings.{field} {problem}.", field);
}
