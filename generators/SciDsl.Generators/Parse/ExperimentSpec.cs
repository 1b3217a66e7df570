using SciDsl.Generators.Infrastructure;

namespace SciDsl.Generators.Parse;

/// <summary>A checked <c>[Experiment]</c>: which model trains on which data, and how.</summary>
/// <param name="ModelType">The model's <c>global::</c>-qualified name; likewise <paramref name="DataType"/>.</param>
/// <param name="ModelArguments">The model's constructor sizes from <c>Sizes</c>, in its parameter order.</param>
/// <param name="Loss">A member name of the runtime's <c>Loss</c> enum; <paramref name="Optimizer"/> likewise of <c>Optim</c>.</param>
/// <param name="ModelInputs">How many inputs the model's <c>forward</c> takes (a graph model: node features and adjacency).</param>
/// <param name="LoadsSamples">The data set implements only <c>ISampleSource</c>, so supervised training loads it through <c>LoadSamples()</c>.</param>
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
    EquatableArray<long> ModelArguments,
    TrainingExtras Extras,
    AugmentSpec? Augment = null,
    MixSpec? Mix = null,
    VaeSpec? Vae = null,
    GanSpec? Gan = null,
    TransferSpec? Transfer = null,
    SemiSupervisedSpec? SemiSupervised = null,
    SelfSupervisedSpec? SelfSupervised = null,
    DomainAdaptationSpec? DomainAdaptation = null,
    int ModelInputs = 1,
    bool LoadsSamples = false,
    MultiTaskSpec? MultiTask = null);

/// <summary>
/// The declared settings beyond the basic ones: loss options, clipping, early stopping, schedule. Defaults equal the
/// runtime's, and only settings that differ from them are emitted.
/// </summary>
/// <param name="Schedule">A member name of the runtime's <c>LrSchedule</c> enum.</param>
/// <param name="GradientClipNorm">0 = no clipping; <paramref name="Patience"/> 0 = never stop early.</param>
/// <param name="Device">A member name of the runtime's <c>ComputeDevice</c> enum.</param>
internal sealed record TrainingExtras(
    double LabelSmoothing = 0,
    EquatableArray<double> ClassWeights = default,
    double HuberDelta = 1.0,
    double GradientClipNorm = 0,
    string EarlyStopping = "val_loss",
    int Patience = 0,
    string Schedule = "Constant",
    int WarmupEpochs = 0,
    int StepEpochs = 10,
    double Gamma = 0.1,
    double TestSplit = 0,
    string Device = "Auto",
    bool Normalize = false);

/// <summary>
/// What <c>[Augment]</c> declares, as its named arguments in declaration order (<c>Name</c>, C# literal text), e.g.
/// <c>("FlipHorizontal", "0.5")</c>; the runtime's <c>Augmentation.From</c> builds the pipeline from them.
/// </summary>
/// <param name="Method">The user method's name, or null.</param>
/// <param name="MethodTakesGenerator">Whether the method is <c>(Tensor, torch.Generator)</c> rather than <c>(Tensor)</c>.</param>
internal sealed record AugmentSpec(EquatableArray<AugmentSetting> Settings, string? Method, bool MethodTakesGenerator);

/// <summary>One named argument of <c>[Augment]</c>: its name and value as C# text.</summary>
internal sealed record AugmentSetting(string Name, string Value);

/// <summary>What <c>[Mixup]</c> declares: a member name of the runtime's <c>MixKind</c> and λ's Beta concentration.</summary>
internal sealed record MixSpec(string Kind, double Alpha);

/// <summary>What <c>[Vae]</c> declares: β, the KL warm-up, and the 1-based positions of the model's reconstruction, mean and log-variance outputs.</summary>
internal sealed record VaeSpec(double Beta, int KlWarmupEpochs, int Reconstruction, int Mean, int LogVariance);

/// <summary>What <c>[Gan]</c> declares: the discriminator's <c>global::</c>-qualified name, and the generator's latent width.</summary>
internal sealed record GanSpec(string Discriminator, int LatentSize);
