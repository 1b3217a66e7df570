using TorchSharp;

namespace SciDsl;

/// <summary>
/// Supplies a whole data set as tensors. A <c>[Dataset]</c> class implements this; the generated
/// <c>Signature</c> lets the trainer check what <see cref="Load"/> returns before training.
/// </summary>
public interface IDataSource
{
    /// <summary>Features <c>[N, sample dims…]</c> (float32, or as the dataset declares them, e.g. int64 ids for <c>"tokens: int64[T]"</c>) and targets: <c>[N]</c> int64 class indices or <c>[N, k]</c> float32 values.</summary>
    LabelledData Load();
}

/// <summary>Features and targets with one row per sample.</summary>
public sealed record LabelledData(torch.Tensor Features, torch.Tensor Targets)
{
    public long Count => Features.shape[0];

    /// <summary>Class index → name, when the class targets came from names (CSV strings, image folder names); null otherwise.</summary>
    public ClassLabels? Classes { get; init; }

    /// <summary>
    /// The validation samples a training run with this configuration holds out (same seed, same split),
    /// e.g. to evaluate an exported model on exactly the data the run validated on.
    /// </summary>
    public LabelledData ValidationPart(TrainConfig config, string source = "data")
    {
        using var split = DataSplit.Create(this, config.ValidationSplit, config.Seed, source);
        if (split.ValidationFeatures is null)
            throw new InvalidOperationException("The configuration holds out no validation samples (ValidationSplit = 0).");
        return new LabelledData(split.ValidationFeatures.alias(), split.ValidationTargets!.alias());
    }

    /// <summary>
    /// The test samples a training run with this configuration holds out (<see cref="TrainConfig.TestSplit"/>, same seed),
    /// e.g. to score an exported model on exactly the data <see cref="TrainingResult{TModel}.Test"/> reports.
    /// </summary>
    public LabelledData TestPart(TrainConfig config, string source = "data")
    {
        ArgumentNullException.ThrowIfNull(config);
        using var split = DataSplit.Create([Features], Targets, config.ValidationSplit, config.TestSplit, config.Seed, source);
        if (split.TestInputs is null)
            throw new InvalidOperationException("The configuration holds out no test samples (TestSplit = 0).");
        return new LabelledData(split.TestInputs[0].alias(), split.TestTargets!.alias()) { Classes = Classes };
    }
}

/// <summary>
/// Supplies samples with several inputs (e.g. a graph's <c>x</c> and <c>adj</c>) or without targets (for self- and
/// semi-supervised training). A <c>[Dataset]</c> class implements this or <see cref="IDataSource"/>; the generated
/// <c>Signature</c> checks what <see cref="LoadSamples"/> returns (<see cref="DatasetSignature.Check(SampleSet, string)"/>).
/// </summary>
public interface ISampleSource
{
    SampleSet LoadSamples();
}
