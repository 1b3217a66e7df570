namespace SciDsl;

/// <summary>
/// Transfer learning, with <c>[Supervised]</c> for the loss: start the model from pretrained weights, then fine-tune it.
/// Name exactly one source: <see cref="Checkpoint"/>, <see cref="PyTorch"/> or <see cref="From"/>. Layer names are the
/// model's (a block's name covers every layer inside it); the build checks they exist.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TransferLearningAttribute : Attribute
{
    /// <summary>A SciDsl checkpoint or best-weights file (relative to the current directory when <c>Run</c> is called).</summary>
    public string? Checkpoint { get; set; }

    /// <summary>A PyTorch <c>state_dict</c>: a <c>torch.save</c> file (.pt, .pth) or a .safetensors file.</summary>
    public string? PyTorch { get; set; }

    /// <summary>Another <c>[Experiment]</c> class whose trained model to start from (its default checkpoint, so run it first).</summary>
    public Type? From { get; set; }

    /// <summary>Renames the source's tensors: entries <c>"source=model"</c>, names or dotted prefixes, e.g. <c>"features.0=conv1"</c>.</summary>
    public string[]? NameMap { get; set; }

    /// <summary>Layers that keep their pretrained weights (no gradient, not in the optimizer, run in evaluation mode so BatchNorm statistics stay).</summary>
    public string[]? Freeze { get; set; }

    /// <summary>A layer (or several, comma-separated) that is not loaded but freshly initialised and trained, e.g. the classifier head.</summary>
    public string? ReplaceHead { get; set; }

    /// <summary>Multiplies the learning rate of the loaded, not frozen layers (e.g. 0.1); the replaced head trains at the full rate.</summary>
    public double LearningRateMultiplier { get; set; } = 1;

    /// <summary>Discriminative rates: entries <c>"layer=multiplier"</c>, e.g. <c>"conv1=0.01"</c>, overriding <see cref="LearningRateMultiplier"/>.</summary>
    public string[]? LayerRates { get; set; }
}
