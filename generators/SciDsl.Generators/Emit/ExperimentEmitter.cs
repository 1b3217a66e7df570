using System.Linq;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Emit;

/// <summary>Emits <c>X.Experiment.g.cs</c>: the training configuration and <c>Run</c>.</summary>
internal static class ExperimentEmitter
{
    public static string Emit(ExperimentSpec experiment) =>
        TypeScope.Write(experiment.Type, null, new[] { TypeScope.GeneratedCode }, writer =>
        {
            writer.Line("/// <summary>What the experiment's attributes declare.</summary>");
            writer.Line("public static global::SciDsl.TrainConfig Config { get; } = new(");
            writer.Line($"    global::SciDsl.Loss.{experiment.Loss},");
            writer.Line($"    global::SciDsl.Optim.{experiment.Optimizer},");
            writer.Line($"    LearningRate: {Literal.Double(experiment.LearningRate)},");
            writer.Line($"    Momentum: {Literal.Double(experiment.Momentum)},");
            writer.Line($"    WeightDecay: {Literal.Double(experiment.WeightDecay)},");
            writer.Line($"    Epochs: {Literal.Long(experiment.Epochs)},");
            writer.Line($"    BatchSize: {Literal.Long(experiment.BatchSize)},");
            writer.Line($"    Seed: {Literal.Long(experiment.Seed)},");
            writer.Line($"    ValidationSplit: {Literal.Double(experiment.ValidationSplit)});");
            writer.Line();
            writer.Line("/// <summary>");
            writer.Line("/// Seeds, builds the model, loads and checks the data, trains with a checkpoint after every");
            writer.Line("/// epoch, and returns the trained model with its per-epoch history. The checkpoint defaults to");
            writer.Line($"/// <c>checkpoints/{experiment.Type.FullName}.ckpt</c>, so experiments sharing a model keep their own.");
            writer.Line("/// </summary>");
            writer.Line($"public global::SciDsl.TrainingResult<{experiment.ModelType}> Run(global::SciDsl.TrainOptions? options = null) =>");
            writer.Line($"    global::SciDsl.SupervisedTrainer.Run(Config, () => new {experiment.ModelType}({string.Join(", ", experiment.ModelArguments.Select(Literal.Long))}), new {experiment.DataType}(), {experiment.DataType}.Signature, options,");
            writer.Line($"        experimentName: {Literal.String(experiment.Type.FullName)});");
        });
}
