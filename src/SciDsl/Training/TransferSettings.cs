namespace SciDsl;

/// <summary>
/// How <see cref="TransferTrainer"/> starts from pretrained weights and fine-tunes; what <c>[TransferLearning]</c> declares.
/// Layer names are the model's (<c>conv1</c>, a block <c>res1</c>, which covers every layer inside it).
/// </summary>
/// <param name="Weights">Reads the pretrained weights when training starts, e.g. <c>() => PretrainedWeights.FromPyTorch("resnet.pt")</c>.</param>
public sealed record TransferSettings(Func<PretrainedWeights> Weights)
{
    /// <summary>Source name or dotted prefix → the model's (see <see cref="PretrainedWeights.LoadInto"/>); null = the names agree.</summary>
    public IReadOnlyDictionary<string, string>? NameMap { get; init; }

    /// <summary>
    /// Layers that keep their pretrained weights: their parameters get no gradient and are left out of the optimizer, and
    /// they run in evaluation mode while training, so BatchNorm keeps its pretrained running statistics and Dropout inside them is off.
    /// </summary>
    public IReadOnlyList<string> Freeze { get; init; } = [];

    /// <summary>Layers that are not loaded but keep their fresh (seeded) initialisation, e.g. a classifier head for other classes.</summary>
    public IReadOnlyList<string> ReplaceHead { get; init; } = [];

    /// <summary>Multiplies the learning rate of every loaded, not frozen layer (e.g. 0.1: fine-tune gently while a replaced head learns at the full rate).</summary>
    public double PretrainedRate { get; init; } = 1;

    /// <summary>Discriminative rates: layer → learning-rate multiplier, overriding <see cref="PretrainedRate"/> (the longest matching name wins).</summary>
    public IReadOnlyDictionary<string, double>? LayerRates { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when a layer name matches no tensor of the model, or a rate cannot work.</summary>
    internal void Validate(IReadOnlyCollection<string> tensorNames, string modelName)
    {
        var layers = tensorNames.Select(LayerNames.LayerOf).Distinct().ToList();
        void Exists(string setting, string layer)
        {
            if (tensorNames.Any(name => LayerNames.Covers([layer], name))) return;
            throw new ArgumentException($"TransferSettings.{setting} names '{layer}', which is no layer of {modelName}; its layers are {string.Join(", ", layers)}.", setting);
        }
        foreach (var layer in Freeze) Exists(nameof(Freeze), layer);
        foreach (var layer in ReplaceHead) Exists(nameof(ReplaceHead), layer);
        foreach (var layer in LayerRates?.Keys ?? []) Exists(nameof(LayerRates), layer);
        if (Freeze.FirstOrDefault(layer => ReplaceHead.Contains(layer)) is { } both)
            throw new ArgumentException($"TransferSettings: '{both}' is both frozen and replaced; a replaced head must train. Remove it from Freeze.", nameof(Freeze));
        if (LayerRates?.Keys.FirstOrDefault(layer => LayerNames.Covers(Freeze, layer)) is { } frozenRate)
            throw new ArgumentException($"TransferSettings.LayerRates gives frozen layer '{frozenRate}' a rate; frozen layers do not train. Remove it from one of them.", nameof(LayerRates));
        CheckRate(nameof(PretrainedRate), PretrainedRate);
        foreach (var (layer, rate) in LayerRates ?? new Dictionary<string, double>()) CheckRate($"{nameof(LayerRates)}[\"{layer}\"]", rate);
        if (tensorNames.All(name => LayerNames.Covers(Freeze, name)))
            throw new ArgumentException($"TransferSettings.Freeze freezes every layer of {modelName}, so nothing would train; leave at least the head out of Freeze.", nameof(Freeze));
    }

    /// <summary>The learning-rate multiplier of a trainable tensor: its <see cref="LayerRates"/> entry, else 1 in a replaced head, else <see cref="PretrainedRate"/>.</summary>
    internal double RateOf(string tensorName)
    {
        var layer = LayerRates?.Keys.Where(l => LayerNames.Covers([l], tensorName)).MaxBy(l => l.Length);
        if (layer is not null) return LayerRates![layer];
        return LayerNames.Covers(ReplaceHead, tensorName) ? 1 : PretrainedRate;
    }

    private static void CheckRate(string setting, double rate)
    {
        if (!(rate > 0) || double.IsInfinity(rate))
            throw new ArgumentException($"TransferSettings.{setting} must be a finite multiplier > 0, got {rate}; freeze a layer instead of giving it rate 0.", setting);
    }
}
