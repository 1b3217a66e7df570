using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SciDsl.Generators.Diagnostics;

/// <summary>Every SciDsl diagnostic, in one table. Each id has a page in docs/diagnostics/.</summary>
internal static class DiagnosticDescriptors
{
    private const string ShapeCategory = "SciDsl.Shapes";
    private const string DeclarationCategory = "SciDsl.Declaration";
    private const string ExperimentCategory = "SciDsl.Experiment";

    public static readonly DiagnosticDescriptor LayerRejectsShape = Error(
        "SD1001", "Layer cannot accept the incoming shape",
        "{0} expects {1} but receives {2} from {3}; {4}", ShapeCategory);

    public static readonly DiagnosticDescriptor MergedShapesDisagree = Error(
        "SD1002", "Merged tensors disagree",
        "{0} merges {1}; {2}", ShapeCategory);

    public static readonly DiagnosticDescriptor SizeNotPositive = Error(
        "SD1003", "A size becomes zero or negative",
        "{0} makes {1} {2}: {3} -> {4}; {5}", ShapeCategory);

    public static readonly DiagnosticDescriptor ExplicitSizeContradicts = Error(
        "SD1004", "Explicit input size contradicts the inferred one",
        "{0} declares {1} but receives {2} from {3}; {4}", ShapeCategory);

    public static readonly DiagnosticDescriptor DatasetDoesNotFitModel = Error(
        "SD1005", "Dataset sample shape does not match the model input",
        "Experiment '{0}': dataset {1} provides samples {2} but model {3} takes {4}; {5}", ExperimentCategory);

    public static readonly DiagnosticDescriptor LossDoesNotFitOutput = Error(
        "SD1006", "Loss or target does not fit the model output",
        "Experiment '{0}': {1}, but {2}; {3}", ExperimentCategory);

    public static readonly DiagnosticDescriptor SizeOverflows = Error(
        "SD1007", "A size overflows 64-bit arithmetic",
        "{0}: {1} overflows 64-bit integer arithmetic; sizes and element counts must stay below 2^63 (TorchSharp and ONNX count them in int64), so use smaller sizes", ShapeCategory);

    public static readonly DiagnosticDescriptor MalformedShape = Error(
        "SD2001", "Malformed shape string",
        "Malformed shape \"{0}\": {1}", DeclarationCategory);

    public static readonly DiagnosticDescriptor UnknownName = Error(
        "SD2002", "Unknown node, input or layer name",
        "{0} refers to '{1}', which is not {2}; {3}", DeclarationCategory);

    public static readonly DiagnosticDescriptor InvalidLayerArgument = Error(
        "SD2003", "Invalid layer argument",
        "{0}: {1}", DeclarationCategory);

    public static readonly DiagnosticDescriptor DuplicateNodeName = Error(
        "SD2004", "Duplicate node name",
        "Name '{0}' of {1} is already used by {2}; node names must be unique, so rename one of them", DeclarationCategory);

    public static readonly DiagnosticDescriptor CompositionCycle = Error(
        "SD2005", "Composition cycle",
        "{0} makes '{1}' contain itself ({2}); a block cannot use itself, directly or through another block, so remove one of these uses", DeclarationCategory);

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "SD2006", "The class must be partial",
        "'{0}' must be declared partial{1} so SciDsl can generate its members", DeclarationCategory);

    public static readonly DiagnosticDescriptor NotAClass = Error(
        "SD2007", "The declaration must be a class",
        "'{0}' is a {1}; [{2}] declarations must be partial classes (a model derives from torch.nn.Module, which a record cannot)", DeclarationCategory);

    public static readonly DiagnosticDescriptor UnsupportedClass = Error(
        "SD2010", "The class cannot be extended by generated code",
        "'{0}' {1}, so the members generated for [{2}] cannot be added to it; {3}", DeclarationCategory);

    public static readonly DiagnosticDescriptor NameClash = Error(
        "SD2011", "Name clashes with the generated code",
        "{0} cannot be used in the generated code: {1}; {2}", DeclarationCategory);

    public static readonly DiagnosticDescriptor TooManyInputs = Error(
        "SD2012", "Too many model inputs",
        "'{0}' declares {1} inputs, but TorchSharp's nn.Module takes at most {2}; {3}", DeclarationCategory);

    public static readonly DiagnosticDescriptor SizeSymbolClash = Error(
        "SD2020", "A size symbol clashes with a member name",
        "Size symbol '{0}' of {1} becomes a constructor parameter of {2}, but '{0}' is already {3}; rename the symbol", DeclarationCategory);

    public static readonly DiagnosticDescriptor UnknownLayerKind = Error(
        "SD2021", "Unknown layer kind",
        "[{0}] derives from LayerAttribute, but SciDsl has no layer kind '{0}' to check and emit; use one of SciDsl's layer attributes, listed in the README (such as {1})", DeclarationCategory);

    public static readonly DiagnosticDescriptor NoTrainingParadigm = Error(
        "SD3001", "The experiment declares no training paradigm",
        "Experiment '{0}' has no training paradigm, so SciDsl cannot tell how to train {1}; add {2}", ExperimentCategory);

    public static readonly DiagnosticDescriptor ExperimentTypes = Error(
        "SD3002", "The experiment does not name a [Model] and a [Dataset] class",
        "Experiment '{0}': [Experiment] takes typeof(a [Model] class), then typeof(a [Dataset] class), but {1}; {2}", ExperimentCategory);

    public static readonly DiagnosticDescriptor UnknownFeatureLayer = Error(
        "SD3040", "The feature layer is not a named layer of the model",
        "Experiment '{0}': [DomainAdaptation] FeatureLayer \"{1}\" {2}; {3}", ExperimentCategory);

    public static readonly DiagnosticDescriptor DomainTargetUnusable = Error(
        "SD3041", "The domain-adaptation target is not a [Dataset] class",
        "Experiment '{0}': [DomainAdaptation] {1}; {2}", ExperimentCategory);

    public static readonly DiagnosticDescriptor UnknownTaskOutput = Error(
        "SD3042", "A task names no output of the model",
        "Experiment '{0}': [Task(\"{1}\", ...)] names no output of model {2} {3}; {4}", ExperimentCategory);

    public static readonly DiagnosticDescriptor TaskDoesNotFit = Error(
        "SD3043", "A task's loss, target columns and output do not fit",
        "Experiment '{0}': {1}; {2}", ExperimentCategory);

    public static readonly DiagnosticDescriptor MultiTaskTasksUnusable = Error(
        "SD3044", "The multitask experiment's tasks are missing, repeated or misplaced",
        "Experiment '{0}' {1}; {2}", ExperimentCategory);

    public static readonly DiagnosticDescriptor TrainingSettingOutOfRange = Error(
        "SD3003", "A training setting is out of range",
        "Experiment '{0}': {1} must be {2} but is {3}; write e.g. {4}", ExperimentCategory);

    public static readonly DiagnosticDescriptor MalformedTarget = Error(
        "SD3004", "Malformed dataset target",
        "Dataset '{0}': Target \"{1}\" is not \"class: N\" (N >= 2 classes, per sample or \"per pixel\" or \"per node\") or \"value: N\" (N >= 1 values per sample); {2}", ExperimentCategory);

    public static readonly DiagnosticDescriptor SelfSupervisedPartMissing = Error(
        "SD3060", "The self-supervised method needs a part the experiment does not name",
        "Experiment '{0}': SelfSupervisedMethod.{1} needs {2}; {3}", ExperimentCategory);

    public static readonly DiagnosticDescriptor SelfSupervisedUnknownLayer = Error(
        "SD3061", "A self-supervised part names no layer of the model",
        "Experiment '{0}': [SelfSupervised] {1} = \"{2}\" names no layer of model {3}; {4}", ExperimentCategory);

    public static readonly DiagnosticDescriptor SelfSupervisedOutputs = Error(
        "SD3062", "The model does not return the representation and the self-supervised head",
        "Experiment '{0}': model {1} returns ({2}), but [SelfSupervised] trains on ({3}); add [Output({4})] to {1}", ExperimentCategory);

    public static readonly DiagnosticDescriptor ReconstructionShape = Error(
        "SD3063", "The autoencoder's reconstruction differs from its input in shape",
        "Experiment '{0}': Decoder \"{1}\" of model {2} outputs {3}, but its input {4} is {5}; an autoencoder reconstructs its input, so {6}", ExperimentCategory);

    public static readonly DiagnosticDescriptor MaskedNeedsSequences = Error(
        "SD3064", "Masked prediction needs token sequences",
        "Experiment '{0}': SelfSupervisedMethod.Masked masks positions of token sequences and predicts their tokens, but {1}; {2}", ExperimentCategory);

    public static readonly DiagnosticDescriptor DatasetClassUnusable = Error(
        "SD3005", "The dataset class cannot be created or loaded",
        "Dataset '{0}': {1}", ExperimentCategory);

    public static readonly DiagnosticDescriptor ModelNeedsSizes = Error(
        "SD3006", "The experiment's model has sizes only its constructor sets",
        "Experiment '{0}': model {1} needs constructor arguments ({2}) that [Experiment] does not give; add {3} to [Experiment], or give the sizes numbers in the model's declaration", ExperimentCategory);

    public static readonly DiagnosticDescriptor MalformedSizes = Error(
        "SD3015", "The experiment's Sizes are malformed or name no size of the model",
        "Experiment '{0}': Sizes = \"{1}\" {2}; {3}", ExperimentCategory);

    public static readonly DiagnosticDescriptor VaeOutputMissing = Error(
        "SD3070", "The VAE's model lacks a named output",
        "Experiment '{0}': [Vae] needs the {1} as a model output named '{2}', but model {3} outputs {4}; {5}", ExperimentCategory);

    public static readonly DiagnosticDescriptor VaeShapesDisagree = Error(
        "SD3071", "The VAE's outputs do not fit together",
        "Experiment '{0}': [Vae] needs {1}, but {2}; {3}", ExperimentCategory);

    public static readonly DiagnosticDescriptor GanDiscriminatorUnfit = Error(
        "SD3072", "The GAN's discriminator does not fit the data",
        "Experiment '{0}': [Gan]'s discriminator {1} {2}; {3}", ExperimentCategory);

    public static readonly DiagnosticDescriptor GanGeneratorUnfit = Error(
        "SD3073", "The GAN's generator does not fit the data",
        "Experiment '{0}': generator {1} {2}; {3}", ExperimentCategory);

    public static readonly DiagnosticDescriptor GenerativeParadigmCombined = Error(
        "SD3074", "A generative paradigm is combined with another paradigm",
        "Experiment '{0}': {1} trains the model its own way and cannot be combined with {2}; keep one of them", ExperimentCategory);
    public static readonly DiagnosticDescriptor TransferIncomplete = Error(
        "SD3030", "[TransferLearning] does not name one weights source, or lacks [Supervised]",
        "Experiment '{0}': [TransferLearning] {1}; {2}", ExperimentCategory);

    public static readonly DiagnosticDescriptor TransferSourceDoesNotFit = Error(
        "SD3031", "The source experiment's model does not fit the model being fine-tuned",
        "Experiment '{0}': [TransferLearning] From = typeof({1}) trains model {2}, whose layers do not fit {3}: {4}; {5}", ExperimentCategory);
    public static readonly DiagnosticDescriptor SemiSupervisedWithoutUnlabelledData = Error(
        "SD3020", "The semi-supervised experiment has no usable unlabelled data",
        "Experiment '{0}': [SemiSupervised] learns from unlabelled samples, but {1}; {2}", ExperimentCategory);

    public static readonly DiagnosticDescriptor UnlabelledSamplesDoNotFit = Error(
        "SD3021", "The unlabelled samples do not fit the model input",
        "Experiment '{0}': the unlabelled samples of {1} are {2}, but the model takes the labelled samples of {3}, {4}; {5}", ExperimentCategory);

    public static readonly DiagnosticDescriptor SemiSupervisedNeedsClasses = Error(
        "SD3022", "Semi-supervised training needs class targets and cross-entropy",
        "Experiment '{0}': [SemiSupervised] learns classes from unlabelled samples, so it needs {1}, but {2}; {3}", ExperimentCategory);

    public static readonly DiagnosticDescriptor LossSettingUnused = Error(
        "SD3050", "A [Supervised] setting that the experiment's loss or paradigm does not use",
        "Experiment '{0}': {1}, so it would be ignored; {2}", ExperimentCategory);

    public static readonly DiagnosticDescriptor InternalError = Error(
        "SD9999", "Internal SciDsl generator error",
        "SciDsl could not process '{0}': {1}. The declaration was skipped; please report it.", DeclarationCategory);

    public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
        LayerRejectsShape, MergedShapesDisagree, SizeNotPositive, ExplicitSizeContradicts, DatasetDoesNotFitModel,
        LossDoesNotFitOutput, SizeOverflows, MalformedShape, UnknownName, InvalidLayerArgument, DuplicateNodeName, NotPartial, NotAClass,
        UnsupportedClass, NameClash, TooManyInputs, SizeSymbolClash, UnknownLayerKind, CompositionCycle,
        NoTrainingParadigm, ExperimentTypes, TrainingSettingOutOfRange, MalformedTarget, DatasetClassUnusable, ModelNeedsSizes, MalformedSizes,
        VaeOutputMissing, VaeShapesDisagree, GanDiscriminatorUnfit, GanGeneratorUnfit, GenerativeParadigmCombined,
        TransferIncomplete, TransferSourceDoesNotFit,
        SemiSupervisedWithoutUnlabelledData, UnlabelledSamplesDoNotFit, SemiSupervisedNeedsClasses,
        SelfSupervisedPartMissing, SelfSupervisedUnknownLayer, SelfSupervisedOutputs, ReconstructionShape, MaskedNeedsSequences,
        UnknownFeatureLayer, DomainTargetUnusable,
        UnknownTaskOutput, TaskDoesNotFit, MultiTaskTasksUnusable,
        LossSettingUnused,
        InternalError);

    public static DiagnosticDescriptor ById(string id) => All.First(d => d.Id == id);

    private static DiagnosticDescriptor Error(string id, string title, string message, string category) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: $"https://github.com/scidsl/scidsl/blob/main/docs/diagnostics/{id}.md");
}
