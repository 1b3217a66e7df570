namespace SciDsl;

/// <summary>How a domain-adaptation run aligns the two domains (see <see cref="DomainAdaptationTrainer"/>); what <c>[DomainAdaptation]</c> declares.</summary>
/// <param name="Method">DANN or Deep CORAL.</param>
/// <param name="FeatureLayer">The model layer (its <c>Name</c>) whose output are the features to align.</param>
/// <param name="Weight">The adaptation loss's weight beside the supervised loss, finite and &gt; 0; DANN: λ's final value. Default 1.</param>
/// <param name="DomainHidden">DANN: hidden units of the domain classifier, positive. Default 100.</param>
public sealed record DomainAdaptationSettings(Adaptation Method, string FeatureLayer, double Weight = 1.0, int DomainHidden = 100)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that cannot work.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Method)) throw Invalid(nameof(Method), $"must be Dann or Coral, got {(int)Method}");
        if (string.IsNullOrWhiteSpace(FeatureLayer)) throw Invalid(nameof(FeatureLayer), "must name a layer of the model, got an empty name");
        if (!(Weight > 0) || double.IsInfinity(Weight)) throw Invalid(nameof(Weight), $"must be a finite number > 0, got {Weight}");
        if (DomainHidden <= 0) throw Invalid(nameof(DomainHidden), $"must be positive, got {DomainHidden}");
    }

    private static ArgumentException Invalid(string field, string problem) =>
        new($"DomainAdaptationSettings.{field} {problem}.", field);
}
