namespace SciDsl;

/// <summary>How <see cref="DomainAdaptationAttribute"/> makes the features of the two domains alike.</summary>
public enum Adaptation
{
    /// <summary>
    /// Domain-adversarial training (Ganin et al., 2016): a domain classifier learns to tell source from target features,
    /// and the features learn, through a gradient reversal layer, to fool it; λ rises as 2/(1+exp(-10p))-1 over training.
    /// </summary>
    Dann,

    /// <summary>Deep CORAL (Sun and Saenko, 2016): the distance between the two domains' feature covariances is added to the loss.</summary>
    Coral,
}

/// <summary>
/// Trains on the labelled source data of the experiment while making the features of the named layer alike for the
/// source and an unlabelled target domain (another instrument, simulation vs. experiment), so the classifier carries over:
/// <code>
/// [Experiment(typeof(DigitCnn), typeof(CleanDigits))]
/// [Supervised(Loss.CrossEntropy)]
/// [DomainAdaptation(Adaptation.Dann, FeatureLayer = "features", Target = typeof(NoisyDigits))]
/// public partial class DigitsAcrossInstruments;
/// </code>
/// The target data set is a <c>[Dataset]</c> whose samples have the source's shape; its labels, if it has any, are not used.
/// See <see cref="DomainAdaptationTrainer"/> and docs/paradigms.md.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DomainAdaptationAttribute(Adaptation method) : Attribute
{
    public Adaptation Method { get; } = method;

    /// <summary>The model layer (its <c>Name</c>) whose output are the features to align; a layer before the classifier head.</summary>
    public string FeatureLayer { get; set; } = "";

    /// <summary>The unlabelled target-domain <c>[Dataset]</c> class.</summary>
    public Type? Target { get; set; }

    /// <summary>The adaptation loss's weight beside the classification loss (DANN: λ's final value), finite and &gt; 0.</summary>
    public double Weight { get; set; } = 1.0;

    /// <summary>DANN: hidden units of the domain classifier the runtime builds on the features (a two-layer MLP), positive.</summary>
    public int DomainHidden { get; set; } = 100;
}
