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
            // A self-supervised experiment trains on its method's objective; the config's loss goes unused.
            writer.Line($"    global::SciDsl.Loss.{(experiment.SelfSupervised is null ? experiment.Loss : "MSE")},");
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
            else if (experiment.SemiSupervised is { } semi)
            {
                writer.Line($"public global::SciDsl.TrainingResult<{experiment.ModelType}> Run(global::SciDsl.TrainOptions? options = null) =>");
                writer.Line($"    global::SciDsl.SemiSupervisedTrainer.Run(Config, {createModel}, {data},");
                writer.Line($"        new {semi.UnlabelledType}(), {semi.UnlabelledType}.Signature, options, SemiSupervised, {Literal.String(experiment.Type.FullName)});");
                writer.Line();
                writer.Line("/// <summary>What <c>[SemiSupervised]</c> declares.</summary>");
                writer.Line("public static global::SciDsl.SemiSupervisedSettings SemiSupervised { get; } = new(");
                writer.Line($"    Threshold: {Literal.Double(semi.Threshold)},");
                writer.Line($"    RampUpEpochs: {Literal.Long(semi.RampUpEpochs)},");
                writer.Line($"    UnlabelledWeight: {Literal.Double(semi.UnlabelledWeight)},");
                writer.Line($"    UnlabelledRatio: {Literal.Long(semi.UnlabelledRatio)},");
                writer.Line($"    Method: global::SciDsl.SemiSupervisedMethod.{semi.Method},");
                writer.Line($"    EmaDecay: {Literal.Double(semi.EmaDecay)});");
            }
            else if (experiment.Transfer is { } transfer)
            {
                writer.Line($"public global::SciDsl.TrainingResult<{experiment.ModelType}> Run(global::SciDsl.TrainOptions? options = null) =>");
                writer.Line($"    global::SciDsl.TransferTrainer.Run(Config, {createModel}, {data}, Transfer, options,");
                writer.Line($"        {experimentName});");
                TransferLearningEmitter.Emit(writer, transfer);
            }
            else if (experiment.SelfSupervised is { } selfSupervised)
            {
                writer.Line($"public global::SciDsl.SelfSupervisedResult<{experiment.ModelType}> Run(global::SciDsl.TrainOptions? options = null) =>");
                string samples = selfSupervised.LabelledInput is { } input
                    ? $"global::SciDsl.SampleSet.From(new {experiment.DataType}().Load(), {Literal.String(input)})"
                    : $"new {experiment.DataType}().LoadSamples()";
                writer.Line($"    global::SciDsl.SelfSupervisedTrainer.Run(Config, {createModel}, {samples}, {experiment.DataType}.Signature,");
                writer.Line($"        {SelfSupervisedSettings(selfSupervised)}, options, experimentName: {Literal.String(experiment.Type.FullName)});");
            }
            else if (experiment.DomainAdaptation is { } adaptation)
            {
                writer.Line($"public global::SciDsl.TrainingResult<{experiment.ModelType}> Run(global::SciDsl.TrainOptions? options = null) =>");
                string targetFeatures = adaptation.TargetIsDataSource
                    ? $"new {adaptation.TargetType}().Load().Features"
                    : $"new {adaptation.TargetType}().LoadSamples().Inputs[0]";
                writer.Line($"    global::SciDsl.DomainAdaptationTrainer.Run(Config, {createModel}, new {experiment.DataType}(), {targetFeatures}, {experiment.DataType}.Signature,");
                writer.Line($"        DomainAdaptation, options, experimentName: {Literal.String(experiment.Type.FullName)});");
                writer.Line();
                writer.Line("/// <summary>What <c>[DomainAdaptation]</c> declares.</summary>");
                writer.Line("public static global::SciDsl.DomainAdaptationSettings DomainAdaptation { get; } = new(");
                writer.Line($"    global::SciDsl.Adaptation.{adaptation.Method}, {Literal.String(adaptation.FeatureLayer)}, Weight: {Literal.Double(adaptation.Weight)}, DomainHidden: {Literal.Long(adaptation.DomainHidden)});");
            }
            else if (experiment.MultiTask is { } multiTask)
                MultiTaskEmitter.Emit(writer, experiment, multiTask, createModel, data, experimentName);
            else
            {
                writer.Line($"public global::SciDsl.TrainingResult<{experiment.ModelType}> Run(global::SciDsl.TrainOptions? options = null) =>");
                if (experiment.ModelInputs == 1 && !experiment.LoadsSamples)
                    writer.Line($"    global::SciDsl.SupervisedTrainer.Run(Config, {createModel}, {data}, options,");
                else
                    writer.Line($"    global::SciDsl.SupervisedTrainer.RunOnSamples(Config, {createModel}, " +
                        $"(model, inputs) => model.forward({string.Join(", ", Enumerable.Range(0, experiment.ModelInputs).Select(i => $"inputs[{i}]"))}), {data}, options,");
                writer.Line($"        {experimentName});");
            }
        });

    /// <summary><c>new SelfSupervisedSettings(...)</c> with the method and the settings it uses.</summary>
    private static string SelfSupervisedSettings(SelfSupervisedSpec spec)
    {
        string setting = spec.Method switch
        {
            "Contrastive" => $"Temperature: {Literal.Double(spec.Temperature)}",
            "Masked" => $"MaskFraction: {Literal.Double(spec.MaskFraction)}, MaskToken: {Literal.Long(spec.MaskToken)}",
            "Denoising" => $"NoiseLevel: {Literal.Double(spec.NoiseLevel)}",
            _ => "",
        };
        return $"new global::SciDsl.SelfSupervisedSettings(global::SciDsl.SelfSupervisedMethod.{spec.Method}{(setting.Length == 0 ? "" : ", " + setting)})";
    }

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
        if (extras.Device != defaults.Device) yield return $"Device: global::SciDsl.ComputeDevice.{extras.Device}";
        if (extras.Normalize) yield return "Normalize: true";
    }
}
