namespace SciDsl;

/// <summary>
/// Trains the experiment's classifier on its labelled data set plus the unlabelled samples of <see cref="Unlabelled"/>,
/// with <see cref="SemiSupervisedTrainer"/>. The labelled loss is the experiment's <c>[Supervised(Loss.CrossEntropy)]</c>:
/// <code>
/// [Dataset("x: 1,8,8")]                                 // no Target: unlabelled samples
/// public partial class DigitsUnlabelled : ISampleSource { ... }
///
/// [Experiment(typeof(DigitCnn), typeof(DigitsLabelled))]
/// [Supervised(Loss.CrossEntropy)]
/// [SemiSupervised(SemiSupervisedMethod.FixMatch, Unlabelled = typeof(DigitsUnlabelled), Threshold = 0.8)]
/// public partial class FewLabelDigits;
/// </code>
/// The build checks that the unlabelled data set exists, has no targets and has the labelled samples' shape, that the
/// targets are classes and the loss is cross-entropy, and that every setting is in range. Settings left out take
/// <see cref="SemiSupervisedSettings"/>' defaults.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SemiSupervisedAttribute(SemiSupervisedMethod method) : Attribute
{
    public SemiSupervisedMethod Method { get; } = method;

    /// <summary>A <c>[Dataset]</c> class without <c>Target</c> implementing <see cref="ISampleSource"/>, with one input shaped like the labelled samples.</summary>
    public Type? Unlabelled { get; set; }

    /// <summary>Pseudo-label and FixMatch confidence threshold, in (0, 1] (see <see cref="SemiSupervisedSettings.Threshold"/>).</summary>
    public double Threshold { get; set; } = 0.95;

    /// <summary>λ, the weight of the unlabelled (mean teacher: consistency) loss after the ramp-up, ≥ 0.</summary>
    public double UnlabelledWeight { get; set; } = 1.0;

    /// <summary>Epochs over which λ rises linearly from 0, ≥ 0.</summary>
    public int RampUpEpochs { get; set; } = 5;

    /// <summary>Unlabelled samples per step, as a multiple of the batch size, ≥ 1.</summary>
    public int UnlabelledRatio { get; set; } = 4;

    /// <summary>Mean teacher's EMA decay, in [0, 1).</summary>
    public double EmaDecay { get; set; } = 0.99;
}
