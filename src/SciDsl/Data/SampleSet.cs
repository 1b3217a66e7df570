using TorchSharp;

namespace SciDsl;

/// <summary>
/// Samples with one or more named inputs (e.g. a graph's <c>x</c> and <c>adj</c>), one row per sample in each, and,
/// when labelled, targets. Unlabelled sets (no targets) feed self- and semi-supervised training.
/// </summary>
public sealed class SampleSet
{
    private readonly (string Name, torch.Tensor Values)[] inputs;

    /// <param name="inputs">Each input's name and values <c>[N, …]</c>, in declaration order.</param>
    /// <param name="targets"><c>[N]</c> class indices or <c>[N, k]</c> values; null for unlabelled samples.</param>
    /// <param name="classes">The class names, when the targets are class indices that came from names.</param>
    /// <exception cref="ArgumentException">No input, a repeated or empty name, a scalar tensor, or the inputs and targets disagree on the number of samples.</exception>
    public SampleSet(IEnumerable<(string Name, torch.Tensor Values)> inputs, torch.Tensor? targets = null, ClassLabels? classes = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        this.inputs = inputs.ToArray();
        if (this.inputs.Length == 0) throw new ArgumentException("A sample set needs at least one input.", nameof(inputs));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, values) in this.inputs)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("An input name is empty.", nameof(inputs));
            if (!seen.Add(name)) throw new ArgumentException($"Input '{name}' is given twice.", nameof(inputs));
            ArgumentNullException.ThrowIfNull(values, nameof(inputs));
            if (values.dim() == 0) throw new ArgumentException($"Input '{name}' is a scalar; it needs a first dim with one row per sample.", nameof(inputs));
        }
        Count = this.inputs[0].Values.shape[0];
        foreach (var (name, values) in this.inputs)
            if (values.shape[0] != Count)
                throw new ArgumentException($"Input '{name}' has {values.shape[0]} samples but '{this.inputs[0].Name}' has {Count}; every input needs one row per sample.", nameof(inputs));
        if (targets is not null && (targets.dim() == 0 || targets.shape[0] != Count))
            throw new ArgumentException($"The targets have {(targets.dim() == 0 ? "no sample dim" : $"{targets.shape[0]} rows")} but the inputs have {Count} samples.", nameof(targets));
        if (classes is not null && targets is null)
            throw new ArgumentException("Class names without targets: unlabelled samples have no classes.", nameof(classes));
        Targets = targets;
        Classes = classes;
    }

    /// <summary>Single-input labelled samples, e.g. what an <see cref="IDataSource"/> loads; the input is named <paramref name="inputName"/>.</summary>
    public static SampleSet From(LabelledData data, string inputName = "x")
    {
        ArgumentNullException.ThrowIfNull(data);
        return new SampleSet([(inputName, data.Features)], data.Targets, data.Classes);
    }

    public long Count { get; }

    public IReadOnlyList<string> InputNames => inputs.Select(input => input.Name).ToArray();

    /// <summary>The inputs' values, in declaration order.</summary>
    public IReadOnlyList<torch.Tensor> Inputs => inputs.Select(input => input.Values).ToArray();

    /// <summary>Null for unlabelled samples.</summary>
    public torch.Tensor? Targets { get; }

    /// <summary>Class index → name, when class targets came from names (CSV strings, image folder names).</summary>
    public ClassLabels? Classes { get; }

    public bool IsLabelled => Targets is not null;

    /// <exception cref="KeyNotFoundException">There is no input of that name.</exception>
    public torch.Tensor this[string name] =>
        inputs.FirstOrDefault(input => input.Name == name).Values
        ?? throw new KeyNotFoundException($"There is no input '{name}'; the inputs are {string.Join(", ", InputNames)}.");

    /// <summary>The same inputs without targets, for unlabelled (self- or semi-supervised) use.</summary>
    public SampleSet WithoutTargets() => new(inputs);

    /// <summary>The same samples with every input replaced as <paramref name="transform"/> says (named inputs only).</summary>
    public SampleSet MapInputs(Func<string, torch.Tensor, torch.Tensor> transform) =>
        new(inputs.Select(input => (input.Name, transform(input.Name, input.Values))), Targets, Classes);

    /// <summary>The samples at <paramref name="indices"/>, in that order, in every input and the targets.</summary>
    public SampleSet Select(long[] indices)
    {
        using var index = torch.tensor(indices);
        return new SampleSet(inputs.Select(input => (input.Name, input.Values.index_select(0, index))), Targets?.index_select(0, index), Classes);
    }

    /// <summary>
    /// The test samples a training run with <paramref name="config"/> holds out (<see cref="TrainConfig.TestSplit"/>, same
    /// seed), e.g. to score an exported graph model on the graphs <see cref="TrainingResult{TModel}.Test"/> reports.
    /// </summary>
    /// <exception cref="InvalidOperationException">The samples are unlabelled or the configuration holds out no test samples.</exception>
    public SampleSet TestPart(TrainConfig config, string source = "data")
    {
        ArgumentNullException.ThrowIfNull(config);
        if (Targets is null) throw new InvalidOperationException("These samples are unlabelled; a test split is drawn from labelled ones.");
        using var split = DataSplit.Create(Inputs, Targets, config.ValidationSplit, config.TestSplit, config.Seed, source);
        if (split.TestInputs is null)
            throw new InvalidOperationException("The configuration holds out no test samples (TestSplit = 0).");
        return new SampleSet(inputs.Select((input, i) => (input.Name, split.TestInputs[i].alias())), split.TestTargets!.alias(), Classes);
    }

    /// <summary>The single input and the targets, as the supervised trainer takes them.</summary>
    /// <exception cref="InvalidOperationException">The samples are unlabelled or have several inputs.</exception>
    public LabelledData ToLabelled()
    {
        if (Targets is null) throw new InvalidOperationException("These samples are unlabelled; supervised training needs targets.");
        if (inputs.Length != 1)
            throw new InvalidOperationException($"These samples have {inputs.Length} inputs ({string.Join(", ", InputNames)}); LabelledData holds one.");
        return new LabelledData(inputs[0].Values, Targets) { Classes = Classes };
    }
}
