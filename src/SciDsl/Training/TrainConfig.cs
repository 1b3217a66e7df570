namespace SciDsl;

/// <summary>
/// How to train: what the <c>[Supervised]</c>, <c>[Optimizer]</c> and <c>[Train]</c> attributes declare.
/// Defaults match the attributes' defaults.
/// </summary>
/// <param name="Momentum">SGD momentum (Adam ignores it).</param>
/// <param name="ValidationSplit">Fraction of samples held out for validation, in [0, 1); 0 = no validation.</param>
public sealed record TrainConfig(
    Loss Loss,
    Optim Optimizer,
    double LearningRate = 1e-3,
    double Momentum = 0,
    double WeightDecay = 0,
    int Epochs = 10,
    int BatchSize = 32,
    int Seed = 42,
    double ValidationSplit = 0.2)
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
    }

    private static ArgumentException Invalid(string field, string problem) =>
        new($"TrainConfig.{field} {problem}.", field);
}
