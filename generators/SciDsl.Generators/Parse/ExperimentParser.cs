using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SciDsl.Generators.Check;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;

namespace SciDsl.Generators.Parse;

/// <summary>
/// Reads an <c>[Experiment]</c> class and checks it against its model and data at build time:
/// SD1005 (sample vs model input), SD1006 (loss and target vs model output), SD3001–SD3006 (the rest).
/// </summary>
internal static class ExperimentParser
{
    public const string ExperimentAttribute = "SciDsl.ExperimentAttribute";

    /// <summary>The paradigm attributes, one per line; an experiment needs at least one of them (SD3001).</summary>
    private static readonly string[] ParadigmAttributes =
    {
        "SciDsl.SupervisedAttribute",
        VaeParser.Attribute,
        GanParser.Attribute,
        TransferLearningParser.AttributeName,
        SemiSupervisedParser.Attribute,
        SelfSupervisedParser.Attribute,
        DomainAdaptationParser.Attribute,
        MultiTaskParser.Attribute,
    };

    public static ParseResult<ExperimentSpec> Parse(INamedTypeSymbol type, CancellationToken cancellation)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var typeLocation = DeclaredTypeReader.IdentifierLocation(type);
        if (DeclaredTypeReader.RequireSupportedClass(type, typeLocation, "Experiment", GeneratedNames.ExperimentMembers) is { } unsupported) diagnostics.Add(unsupported);

        var attributes = type.GetAttributes();
        var experiment = Find(attributes, ExperimentAttribute)!;
        var location = ModelParser.LocationOf(experiment) ?? typeLocation;
        void Report(DiagnosticDescriptor descriptor, LocationInfo? at, params string[] arguments) =>
            diagnostics.Add(DiagnosticInfo.Create(descriptor, at, new[] { type.Name }.Concat(arguments).ToArray()));

        var modelType = experiment.ConstructorArguments.ElementAtOrDefault(0).Value as INamedTypeSymbol;
        var dataType = experiment.ConstructorArguments.ElementAtOrDefault(1).Value as INamedTypeSymbol;
        bool modelIsModel = Has(modelType, ModelParser.ModelAttribute);
        bool dataIsDataset = Has(dataType, DatasetParser.DatasetAttribute);
        foreach (var argument in new[] { modelType, dataType })
            if (argument is { IsUnboundGenericType: true })
                Report(DiagnosticDescriptors.ExperimentTypes, location, $"typeof({argument.ToDisplayString()}) is an open generic type",
                    "name a class without type parameters");
        ShapedModel? model = null;
        DatasetSpec? data = null;
        if (!modelIsModel && !dataIsDataset && Has(modelType, DatasetParser.DatasetAttribute) && Has(dataType, ModelParser.ModelAttribute))
            Report(DiagnosticDescriptors.ExperimentTypes, location,
                $"its arguments are swapped: {modelType!.Name} is the [Dataset] and {dataType!.Name} the [Model]",
                $"write [Experiment(typeof({dataType.Name}), typeof({modelType.Name}))]");
        else
        {
            string modelName = modelType?.Name ?? "the model type", dataName = dataType?.Name ?? "the data type";
            if (!modelIsModel)
                Report(DiagnosticDescriptors.ExperimentTypes, location, $"the first argument, {modelName}, is not a [Model] class",
                    Has(modelType, DatasetParser.DatasetAttribute)
                        ? $"{modelName} is a [Dataset]; name the [Model] class first"
                        : $"name a [Model] class first, or declare {modelName} with [Model(\"x: ...\")] and its layers");
            if (!dataIsDataset)
                Report(DiagnosticDescriptors.ExperimentTypes, location, $"the second argument, {dataName}, is not a [Dataset] class",
                    Has(dataType, ModelParser.ModelAttribute)
                        ? $"{dataName} is a [Model]; name the [Dataset] class second"
                        : $"name a [Dataset] class second, or declare {dataName} with [Dataset(\"x: ...\", Target = \"class: N\")] as an IDataSource");
        }
        if (modelIsModel && ModelParser.Parse(modelType!, cancellation) is { Spec: { } modelSpec, Diagnostics.Count: 0 })
            model = ShapeChecker.Check(modelSpec).Spec; // a broken model reports its own errors where it is declared
        if (dataIsDataset && DatasetParser.Parse(dataType!) is { Spec: { } dataSpec, Diagnostics.Count: 0 }) // a broken dataset reports its own errors
        {
            data = dataSpec;
            if (!dataType!.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DatasetClassUnusable, location, dataType.Name,
                    $"experiment {type.Name} creates it with new {dataType.Name}(), but it has no public parameterless constructor; add one"));
            // A single-input model trains through IDataSource, one of several inputs through ISampleSource; a data set
            // of another input count or without a target is SD1005/SD1006 below. Supervised and self-supervised training
            // also load one labelled input through ISampleSource; the other paradigms need IDataSource.
            bool loadsSamples = (model?.Inputs.Count ?? dataSpec.Inputs.Count) > 1;
            var needsDataSource = attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() is { } name
                && ParadigmAttributes.Contains(name) && name is not ("SciDsl.SupervisedAttribute" or SelfSupervisedParser.Attribute));
            if (!loadsSamples && !dataSpec.IsDataSource && dataSpec.Inputs.Count == 1 && dataSpec.TargetKind != "None" && needsDataSource is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DatasetClassUnusable, location, dataType.Name,
                    $"experiment {type.Name}'s [{needsDataSource.AttributeClass!.Name.Replace("Attribute", "")}] trains through IDataSource.Load(), but it implements only ISampleSource; implement IDataSource too, returning samples.ToLabelled()"));
            if (loadsSamples && dataSpec.Inputs.Count > 1 && !dataSpec.IsSampleSource)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DatasetClassUnusable, location, dataType.Name,
                    $"experiment {type.Name} loads its {dataSpec.Inputs.Count} inputs per sample through ISampleSource.LoadSamples(), which it does not implement; implement ISampleSource"));
        }

        var supervised = Find(attributes, "SciDsl.SupervisedAttribute");
        if (!attributes.Any(a => ParadigmAttributes.Contains(a.AttributeClass?.ToDisplayString())))
            Report(DiagnosticDescriptors.NoTrainingParadigm, location, modelType?.Name ?? "its model", ParadigmFor(data));
        string loss = supervised is null ? "" : AttributeArguments.EnumName(supervised.ConstructorArguments[0]);
        var vae = Find(attributes, VaeParser.Attribute);
        var gan = Find(attributes, GanParser.Attribute);
        CheckGenerativeParadigmAlone(attributes, type.Name, diagnostics);
        var optimizerAttribute = Find(attributes, "SciDsl.OptimizerAttribute");
        var trainAttribute = Find(attributes, "SciDsl.TrainAttribute");
        var optimizer = optimizerAttribute is null ? null : AttributeArguments.From(optimizerAttribute);
        var train = trainAttribute is null ? null : AttributeArguments.From(trainAttribute);
        var trainLocation = trainAttribute is null ? location : ModelParser.LocationOf(trainAttribute);
        var optimizerLocation = optimizerAttribute is null ? location : ModelParser.LocationOf(optimizerAttribute);

        var spec = new ExperimentSpec(
            DeclaredTypeReader.Read(type),
            modelType is null ? "" : Qualified(modelType),
            dataType is null ? "" : Qualified(dataType),
            vae is not null ? VaeParser.LossOf(vae) : gan is not null ? "BCEWithLogits" : loss,
            optimizerAttribute is null ? "Adam" : AttributeArguments.EnumName(optimizerAttribute.ConstructorArguments[0]),
            optimizer?.Double("LearningRate", 1e-3) ?? 1e-3,
            optimizer?.Double("Momentum", 0) ?? 0,
            optimizer?.Double("WeightDecay", 0) ?? 0,
            train?.Int("Epochs", 10) ?? 10,
            train?.Int("BatchSize", 32) ?? 32,
            train?.Int("Seed", 42) ?? 42,
            train?.Double("ValidationSplit", 0.2) ?? 0.2,
            EquatableArray<long>.Empty,
            ReadExtras(supervised, train, Find(attributes, "SciDsl.ScheduleAttribute")));

        void OutOfRange(LocationInfo? at, string setting, string range, string value, string example) =>
            Report(DiagnosticDescriptors.TrainingSettingOutOfRange, at, setting, range, value, example);
        if (spec.Epochs <= 0) OutOfRange(trainLocation, "Epochs", "positive", Literal.Long(spec.Epochs), "[Train(Epochs = 10)]");
        if (spec.BatchSize <= 0) OutOfRange(trainLocation, "BatchSize", "positive", Literal.Long(spec.BatchSize), "[Train(BatchSize = 32)]");
        if (!(spec.ValidationSplit >= 0 && spec.ValidationSplit < 1))
            OutOfRange(trainLocation, "ValidationSplit", "in [0, 1)", Literal.Double(spec.ValidationSplit), "[Train(ValidationSplit = 0.2)]");
        else if (!(spec.Extras.TestSplit >= 0 && spec.ValidationSplit + spec.Extras.TestSplit < 1))
            OutOfRange(trainLocation, "TestSplit", $"in [0, {Literal.Double(1 - spec.ValidationSplit)}) so ValidationSplit + TestSplit < 1", Literal.Double(spec.Extras.TestSplit), "[Train(ValidationSplit = 0.2, TestSplit = 0.2)]");
        // Finite, or Config would hold a NaN or ∞ that has no C# literal.
        if (!(spec.LearningRate > 0 && spec.LearningRate <= double.MaxValue))
            OutOfRange(optimizerLocation, "LearningRate", "a positive finite number", Literal.Double(spec.LearningRate), $"[Optimizer(Optim.{spec.Optimizer}, LearningRate = 0.001)]");
        if (!(spec.Momentum >= 0 && spec.Momentum <= double.MaxValue))
            OutOfRange(optimizerLocation, "Momentum", "a finite number >= 0", Literal.Double(spec.Momentum), "[Optimizer(Optim.SGD, Momentum = 0.9)]");
        if (!(spec.WeightDecay >= 0 && spec.WeightDecay <= double.MaxValue))
            OutOfRange(optimizerLocation, "WeightDecay", "a finite number >= 0", Literal.Double(spec.WeightDecay), $"[Optimizer(Optim.{spec.Optimizer}, WeightDecay = 0.0001)]");
        var extras = spec.Extras;
        var supervisedLocation = supervised is null ? location : ModelParser.LocationOf(supervised) ?? location;
        if (!(extras.LabelSmoothing >= 0 && extras.LabelSmoothing < 1))
            OutOfRange(supervisedLocation, "LabelSmoothing", "in [0, 1)", Literal.Double(extras.LabelSmoothing), "[Supervised(Loss.CrossEntropy, LabelSmoothing = 0.1)]");
        if (extras.ClassWeights.Any(w => !(w >= 0 && w <= double.MaxValue)))
            OutOfRange(supervisedLocation, "ClassWeights", "finite numbers >= 0", string.Join(", ", extras.ClassWeights.Select(Literal.Double)), "[Supervised(Loss.CrossEntropy, ClassWeights = new[] { 1.0, 3.0 })]");
        else if (extras.ClassWeights.Count > 0 && data is { TargetKind: "Class" } && extras.ClassWeights.Count != data.TargetSize)
            OutOfRange(supervisedLocation, "ClassWeights", $"one weight per class of {data.Type.Name} ({data.TargetSize})", $"{extras.ClassWeights.Count} weights", "ClassWeights = new[] { 1.0, 3.0, ... }");
        if (!(extras.HuberDelta > 0 && extras.HuberDelta <= double.MaxValue))
            OutOfRange(supervisedLocation, "HuberDelta", "a positive finite number", Literal.Double(extras.HuberDelta), "[Supervised(Loss.Huber, HuberDelta = 1.0)]");
        if (!(extras.GradientClipNorm >= 0 && extras.GradientClipNorm <= double.MaxValue))
            OutOfRange(trainLocation, "GradientClipNorm", "a finite number >= 0 (0 = no clipping)", Literal.Double(extras.GradientClipNorm), "[Train(GradientClipNorm = 1.0)]");
        if (supervised is not null)
            LossSettingChecks.Check(type.Name, loss, supervised.NamedArguments.Select(setting => setting.Key).ToList(), Find(attributes, SemiSupervisedParser.Attribute) is not null, supervisedLocation, diagnostics);
        if (extras.Patience < 0) OutOfRange(trainLocation, "Patience", ">= 0 (0 = never stop early)", Literal.Long(extras.Patience), "[Train(Patience = 3)]");
        if (supervised is not null && EarlyStoppingProblem(extras.EarlyStopping, loss, spec.ValidationSplit > 0, data is { TargetPer: not "Sample" }) is { } metrics)
            OutOfRange(trainLocation, "EarlyStopping", metrics, Literal.String(extras.EarlyStopping), "[Train(EarlyStopping = \"val_loss\", Patience = 3)]");
        else if ((vae ?? gan) is not null && extras.EarlyStopping != "val_loss")
            OutOfRange(trainLocation, "EarlyStopping", "\"val_loss\" for [Vae] and [Gan] (a VAE's ELBO on held-out samples; a GAN's training loss)",
                Literal.String(extras.EarlyStopping), "[Train(EarlyStopping = \"val_loss\", Patience = 3)]");
        var scheduleAttribute = Find(attributes, "SciDsl.ScheduleAttribute");
        var scheduleLocation = scheduleAttribute is null ? location : ModelParser.LocationOf(scheduleAttribute) ?? location;
        if (extras.WarmupEpochs < 0 || extras.WarmupEpochs > spec.Epochs)
            OutOfRange(scheduleLocation, "WarmupEpochs", $"in [0, Epochs = {spec.Epochs}]", Literal.Long(extras.WarmupEpochs), "[Schedule(LrSchedule.Cosine, WarmupEpochs = 1)]");
        if (extras.StepEpochs <= 0) OutOfRange(scheduleLocation, "StepEpochs", "positive", Literal.Long(extras.StepEpochs), "[Schedule(LrSchedule.Step, StepEpochs = 10)]");
        if (!(extras.Gamma > 0 && extras.Gamma <= 1)) OutOfRange(scheduleLocation, "Gamma", "in (0, 1]", Literal.Double(extras.Gamma), "[Schedule(LrSchedule.Step, Gamma = 0.1)]");

        if (Find(attributes, "SciDsl.AugmentAttribute") is { } augment)
            spec = spec with { Augment = AugmentationParser.ReadAugment(augment, type, data, diagnostics) };
        if (Find(attributes, "SciDsl.MixupAttribute") is { } mixup)
            spec = spec with { Mix = AugmentationParser.ReadMixup(mixup, type.Name, data, loss, extras.ClassWeights.Count > 0, diagnostics) };
        if (Find(attributes, SemiSupervisedParser.Attribute) is { } semiSupervised)
            spec = spec with { SemiSupervised = SemiSupervisedParser.Read(semiSupervised, type.Name, data, supervised is null ? null : loss, diagnostics) };

        if (Find(attributes, TransferLearningParser.AttributeName) is { } transfer)
            spec = spec with { Transfer = TransferLearningParser.Read(transfer, type, model, supervised is not null, diagnostics, cancellation) };
        if (Find(attributes, SelfSupervisedParser.Attribute) is { } selfSupervised)
            spec = spec with { SelfSupervised = SelfSupervisedParser.Read(selfSupervised, type.Name, model, data, spec, diagnostics) };

        string sizesText = AttributeArguments.From(experiment).String("Sizes") ?? "";
        var (sizes, sizesProblem) = ModelSizes.Parse(sizesText);
        if (sizesProblem is not null)
            Report(DiagnosticDescriptors.MalformedSizes, location, sizesText, sizesProblem, "write e.g. Sizes = \"H=128, D=32\"");
        if (model is not null && data is not null && sizes is not null)
        {
            var missing = model.ConstructorSymbols.Where(s => !sizes.ContainsKey(s)).ToList();
            var unknown = sizes.Keys.Where(s => !model.ConstructorSymbols.Contains(s)).ToList();
            var meant = ModelSizes.Meant(unknown, model.ConstructorSymbols);
            if (missing.Count > 0)
                Report(DiagnosticDescriptors.ModelNeedsSizes, location, model.Type.Name, string.Join(", ", missing),
                    $"Sizes = \"{ModelSizes.Example(model.ConstructorSymbols, ModelSizes.Renamed(sizes, meant))}\"");
            if (unknown.Count > 0)
                Report(DiagnosticDescriptors.MalformedSizes, location, sizesText,
                    $"names {string.Join(", ", unknown)}, which model {model.Type.Name} does not take",
                    model.ConstructorSymbols.Count == 0
                        ? $"{model.Type.Name} has no constructor sizes; remove Sizes"
                        : $"its constructor sizes are {string.Join(", ", model.ConstructorSymbols)}{ModelSizes.DidYouMean(meant)}");
            if (missing.Count == 0 && unknown.Count == 0) spec = spec with { ModelArguments = ModelSizes.Arguments(model.ConstructorSymbols, sizes) };
            spec = spec with { ModelInputs = model.Inputs.Count, LoadsSamples = !data.IsDataSource };
            // A generator's input is noise, not a sample: GanParser checks its output against the data instead.
            if (gan is null) ExperimentChecks.SampleFitsInput(type.Name, model, data, sizes, location, diagnostics);
            // Without a paradigm there is no loss to check: SD3001 alone says what is missing.
            if (supervised is not null)
                ExperimentChecks.LossFitsOutput(type.Name, model, data, sizes, loss, ModelParser.LocationOf(supervised) ?? location, diagnostics);
        }
        if (vae is not null) spec = spec with { Vae = VaeParser.Read(vae, type.Name, model, spec.Extras.Normalize, diagnostics) };
        if (gan is not null) spec = spec with { Gan = GanParser.Read(gan, type.Name, model, data, diagnostics, cancellation) };
        if (Find(attributes, DomainAdaptationParser.Attribute) is { } adaptation)
        {
            // Without [Supervised] the source labels train a cross-entropy classifier: its head must fit them too.
            if (supervised is null && model is not null && data is not null && sizes is not null)
                ExperimentChecks.LossFitsOutput(type.Name, model, data, sizes, "CrossEntropy", ModelParser.LocationOf(adaptation) ?? location, diagnostics);
            spec = spec with
            {
                // The source labels train a classifier, with or without [Supervised(Loss.CrossEntropy)].
                Loss = loss.Length == 0 ? "CrossEntropy" : loss,
                DomainAdaptation = DomainAdaptationParser.Read(adaptation, type.Name, model, sizes, loss, diagnostics),
            };
        }
        if (Find(attributes, MultiTaskParser.Attribute) is { } multiTask)
        {
            var tasks = attributes.Where(a => a.AttributeClass?.ToDisplayString() == MultiTaskParser.TaskAttribute).ToList();
            // Each task has its own loss; the config's goes unused.
            spec = spec with { Loss = "MSE", MultiTask = MultiTaskParser.Read(
                multiTask, tasks, supervised is not null, type.Name, model, data, sizes, (extras.EarlyStopping, trainLocation), diagnostics) };
        }
        else MultiTaskParser.CheckTasksWithoutMultiTask(attributes, type.Name, diagnostics);
        bool valid = diagnostics.Count == 0 && model is not null && data is not null;
        return new ParseResult<ExperimentSpec>(valid ? spec : null, diagnostics.ToEquatableArray());
    }

    /// <summary>SD3074 at <c>[Vae]</c> or <c>[Gan]</c> when the experiment declares another paradigm too.</summary>
    private static void CheckGenerativeParadigmAlone(IEnumerable<AttributeData> attributes, string experiment, List<DiagnosticInfo> diagnostics)
    {
        var paradigms = attributes.Where(a => ParadigmAttributes.Contains(a.AttributeClass?.ToDisplayString())).ToList();
        var generative = paradigms.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() is VaeParser.Attribute or GanParser.Attribute);
        if (generative is null) return;
        foreach (var other in paradigms.Where(a => a != generative))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenerativeParadigmCombined, ModelParser.LocationOf(generative),
                experiment, $"[{generative.AttributeClass!.Name.Replace("Attribute", "")}]", $"[{other.AttributeClass!.Name.Replace("Attribute", "")}]"));
    }

    private static TrainingExtras ReadExtras(AttributeData? supervised, AttributeArguments? train, AttributeData? schedule)
    {
        var defaults = new TrainingExtras();
        var loss = supervised is null ? null : AttributeArguments.From(supervised);
        var lr = schedule is null ? null : AttributeArguments.From(schedule);
        var weights = supervised?.NamedArguments.FirstOrDefault(a => a.Key == "ClassWeights").Value;
        return new TrainingExtras(
            loss?.Double("LabelSmoothing", defaults.LabelSmoothing) ?? defaults.LabelSmoothing,
            weights is { Kind: TypedConstantKind.Array, IsNull: false } array ? array.Values.Select(v => v.Value is double d ? d : double.NaN).ToEquatableArray() : EquatableArray<double>.Empty,
            loss?.Double("HuberDelta", defaults.HuberDelta) ?? defaults.HuberDelta,
            train?.Double("GradientClipNorm", defaults.GradientClipNorm) ?? defaults.GradientClipNorm,
            train?.String("EarlyStopping") ?? defaults.EarlyStopping,
            train?.Int("Patience", defaults.Patience) ?? defaults.Patience,
            schedule is null ? defaults.Schedule : AttributeArguments.EnumName(schedule.ConstructorArguments[0]),
            lr?.Int("WarmupEpochs", defaults.WarmupEpochs) ?? defaults.WarmupEpochs,
            lr?.Int("StepEpochs", defaults.StepEpochs) ?? defaults.StepEpochs,
            lr?.Double("Gamma", defaults.Gamma) ?? defaults.Gamma,
            train?.Double("TestSplit", defaults.TestSplit) ?? defaults.TestSplit,
            train?.String("Device") ?? defaults.Device,
            train?.Bool("Normalize", defaults.Normalize) ?? defaults.Normalize);
    }

    /// <summary>
    /// What <c>EarlyStopping</c> must be when it names no validation metric of the loss (the runtime's
    /// <c>MonitoredMetric</c> computes the same ones); null when it does.
    /// </summary>
    /// <param name="perPosition">Class targets per pixel or node, for which ROC AUC is not computed.</param>
    private static string? EarlyStoppingProblem(string metric, string loss, bool validates, bool perPosition)
    {
        string[] metrics = loss switch
        {
            "CrossEntropy" or "Dice" when perPosition => new[] { "accuracy", "balanced_accuracy", "macro_f1", "iou", "dice" },
            "CrossEntropy" or "Dice" => new[] { "accuracy", "balanced_accuracy", "macro_f1", "roc_auc", "iou", "dice" },
            "MSE" or "L1" or "Huber" => new[] { "mse", "mae", "r2" },
            "BCEWithLogits" => new[] { "accuracy", "macro_f1", "roc_auc" },
            _ => new string[0],
        };
        var known = new[] { "val_loss" }.Concat(metrics.Select(m => "val_" + m)).ToArray();
        if (!known.Contains(metric)) return $"one of {string.Join(", ", known.Select(k => $"\"{k}\""))} for Loss.{loss}";
        return metric != "val_loss" && !validates ? "\"val_loss\" without a validation split (ValidationSplit = 0)" : null;
    }

    /// <summary>The paradigm that fits the data's target, e.g. <c>[Supervised(Loss.MSE)] (dataset Prices has value targets)</c>.</summary>
    private static string ParadigmFor(DatasetSpec? data) => data switch
    {
        null => "[Supervised(Loss.CrossEntropy)] for class targets or [Supervised(Loss.MSE)] for value targets",
        { TargetKind: "Value" } => $"[Supervised(Loss.MSE)] (dataset {data.Type.Name} has value targets)",
        _ => $"[Supervised(Loss.CrossEntropy)] (dataset {data.Type.Name} has class targets)",
    };

    private static bool Has(INamedTypeSymbol? type, string attribute) => type is not null && Find(type.GetAttributes(), attribute) is not null;

    private static AttributeData? Find(IEnumerable<AttributeData> attributes, string name) =>
        attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == name);

    private static string Qualified(INamedTypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
}
