using SciDsl.Generators.Infrastructure;

namespace SciDsl.Generators.Parse;

/// <summary>A checked <c>[Experiment]</c>: which model trains on which data, and how.</summary>
/// <param name="ModelType">The model's <c>global::</c>-qualified name; likewise <paramref name="DataType"/>.</param>
/// <param name="ModelArguments">The model's constructor sizes from <c>Sizes</c>, in its parameter order.</param>
/// <param name="Loss">A member name of the runtime's <c>Loss</c> enum; <paramref name="Optimizer"/> likewise of <c>Optim</c>.</param>
internal sealed record ExperimentSpec(
    DeclaredType Type,
    string ModelType,
    string DataType,
    string Loss,
    string Optimizer,
    double LearningRate,
    double Momentum,
    double WeightDecay,
    int Epochs,
    int BatchSize,
    int Seed,
    double ValidationSplit,
    EquatableArray<long> ModelArguments);
