using System.Collections.Generic;
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
            var extras = ExtraArguments(experiment.Extras).Concat(AugmentationArguments(experiment)).ToList();
            writer.Line($"    ValidationSplit: {Literal.Double(experiment.ValidationSplit)}{(extras.Count == 0 ? ");" : ",")}");
            for (int i = 0; i < extras.Count; i++) writer.Line($"    {extras[i]}{(i == extras.Count - 1 ? ");" : ",")}");
            writer.Line();
            writer.Line("/// <summary>");
            writer.Line("/// Seeds, builds the model, loads and checks the data, trains with a checkpoint after every");
            writer.Line("/// epoch, and returns the trained model with its per-epoch history. The checkpoint defaults to");
            writer.Line($"/// <c>checkpoints/{experiment.Type.FullName}.ckpt</c>, so experiments sharing a model keep their own.");
            writer.Line("/// </summary>");
            string createModel = $"() => new {experiment.ModelType}({string.Join(", ", experiment.ModelArguments.Select(Literal.Long))})";
            string data = $"new {experiment.DataType}(), {experiment.DataType}.Signature";
            string experimentName = $"experimentName: {Literal.String(experiment.Type.FullName)}";
            if (experiment.Vae is { } vae)
            {
                writer.Line($"public global::SciDsl.TrainingResult<{experiment.ModelType}> Run(global::SciDsl.TrainOptions? options = null) =>");
                writer.Line($"    global::SciDsl.VaeTrainer.Run(Config, {createModel},");
                writer.Line("        // The model's outputs by their role in the ELBO, as [Vae] names them.");
                writer.Line("        static (model, x) =>");
                writer.Line("        {");
                writer.Line("            var outputs = model.forward(x);");
                writer.Line($"            return new global::SciDsl.VaeOutputs(outputs.Item{vae.Reconstruction}, outputs.Item{vae.Mean}, outputs.Item{vae.LogVariance});");
                writer.Line("        },");
                writer.Line($"        {data}, options,");
                writer.Line($"        new global::SciDsl.VaeSettings(Beta: {Literal.Double(vae.Beta)}, KlWarmupEpochs: {Literal.Long(vae.KlWarmupEpochs)}), {experimentName});");
            }
            else if (experiment.Gan is { } gan)
            {
                writer.Line($"public global::SciDsl.GanResult<{experiment.ModelType}, {gan.Discriminator}> Run(global::SciDsl.TrainOptions? options = null) =>");
                writer.Line($"    global::SciDsl.GanTrainer.Run(Config, {createModel}, () => new {gan.Discriminator}(), {Literal.Long(gan.LatentSize)}, {data}, options,");
                writer.Line($"        {experimentName});");
            }
            else
            {
                writer.Line($"public global::SciDsl.TrainingResult<{experiment.ModelType}> Run(global::SciDsl.TrainOptions? options = null) =>");
                if (experiment.ModelInputs == 1)
                    writer.Line($"    global::SciDsl.SupervisedTrainer.Run(Config, {createModel}, {data}, options,");
                else
                    writer.Line($"    global::SciDsl.SupervisedTrainer.RunOnSamples(Config, {createModel}, " +
                        $"(model, inputs) => model.forward({string.Join(", ", Enumerable.Range(0, experiment.ModelInputs).Select(i => $"inputs[{i}]"))}), {data}, options,");
                writer.Line($"        {experimentName});");
            }
        });

    /// <summary>The pipeline <c>[Augment]</c> declares and the mixing <c>[Mixup]</c> declares, as <c>TrainConfig</c> arguments.</summary>
    private static IEnumerable<string> AugmentationArguments(ExperimentSpec experiment)
    {
        if (experiment.Augment is { } augment)
        {
            var settings = augment.Settings.Select(s => $"{s.Name} = {s.Value}");
            if (augment.Method is not null) settings = settings.Append($"Method = nameof({augment.Method})");
            string attribute = $"new global::SciDsl.AugmentAttribute {{ {string.Join(", ", settings)} }}";
            string call = augment.Method switch
            {
                null => "",
                { } method when augment.MethodTakesGenerator => $", {method}",
                { } method => $", (batch, _) => {method}(batch)",
            };
            yield return $"Augmentation: global::SciDsl.Augmentation.From({attribute}{call})";
        }
        if (experiment.Mix is { } mix)
            yield return $"Mixing: new global::SciDsl.MixSetting(global::SciDsl.MixKind.{mix.Kind}, Alpha: {Literal.Double(mix.Alpha)})";
    }

    /// <summary>The named <c>TrainConfig</c> arguments whose declared values differ from the defaults.</summary>
    private static IEnumerable<string> ExtraArguments(TrainingExtras extras)
    {
        var defaults = new TrainingExtras();
        if (extras.LabelSmoothing != defaults.LabelSmoothing) yield return $"LabelSmoothing: {Literal.Double(extras.LabelSmoothing)}";
        if (extras.ClassWeights.Count > 0) yield return $"ClassWeights: new double[] {{ {string.Join(", ", extras.ClassWeights.Select(Literal.Double))} }}";
        if (extras.HuberDelta != defaults.HuberDelta) yield return $"HuberDelta: {Literal.Double(extras.HuberDelta)}";
        if (extras.GradientClipNorm > 0) yield return $"GradientClipNorm: {Literal.Double(extras.GradientClipNorm)}";
        if (extras.EarlyStopping != defaults.EarlyStopping) yield return $"EarlyStopping: {Literal.String(extras.EarlyStopping)}";
        if (extras.Patience > 0) yield return $"Patience: {Literal.Long(extras.Patience)}";
        if (extras.Schedule != defaults.Schedule) yield return $"Schedule: global::SciDsl.LrSchedule.{extras.Schedule}";
        if (extras.WarmupEpochs != defaults.WarmupEpochs) yield return $"WarmupEpochs: {Literal.Long(extras.WarmupEpochs)}";
        if (extras.StepEpochs != defaults.StepEpochs) yield return $"StepEpochs: {Literal.Long(extras.StepEpochs)}";
        if (extras.Gamma != defaults.Gamma) yield return $"Gamma: {Literal.Double(extras.Gamma)}";
        if (extras.TestSplit != defaults.TestSplit) yield return $"TestSplit: {Literal.Double(extras.TestSplit)}";
    }
}
