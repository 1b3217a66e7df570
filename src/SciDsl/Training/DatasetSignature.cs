using System.Globalization;
using TorchSharp;

namespace SciDsl;

/// <summary>What a target is: a class index, real values to regress, or none (unlabelled samples).</summary>
public enum TargetKind { Class, Value, None }

/// <summary>
/// What one class target labels: the whole sample, each pixel of an image sample <c>C,H,W</c> (segmentation, targets
/// <c>[N, H, W]</c>), or each node of a graph sample <c>nodes,F</c> (node classification, targets <c>[N, nodes]</c>).
/// Per pixel or node, -1 marks a position without a label; it is left out of the loss and the metrics.
/// </summary>
public enum TargetScope { Sample, Pixel, Node }

/// <summary>
/// A data source's declared shape, generated from <c>[Dataset("x: 1,8,8", Target = "class: 10")]</c>, or for several
/// inputs per sample and no target <c>[Dataset("x: N,F; adj: N,N")]</c>.
/// </summary>
/// <param name="Sample">One sample without the batch dim (the first input when there are several).</param>
/// <param name="TargetSize">Number of classes for <see cref="TargetKind.Class"/>; values per sample for <see cref="TargetKind.Value"/>; 0 for <see cref="TargetKind.None"/>.</param>
public sealed record DatasetSignature(TensorSignature Sample, TargetKind Target, int TargetSize)
{
    /// <summary>Several inputs per sample, e.g. a graph's node features and adjacency, as generated from <c>[Dataset("x: N,F; adj: N,N")]</c>.</summary>
    /// <exception cref="ArgumentException">No input.</exception>
    public static DatasetSignature OfInputs(IReadOnlyList<TensorSignature> inputs, TargetKind target, int targetSize)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.Count > 0
            ? new DatasetSignature(inputs[0], target, targetSize) { Inputs = inputs }
            : throw new ArgumentException("A data set declares at least one input.", nameof(inputs));
    }

    /// <summary>What one class target labels, from <c>"class: 2 per pixel"</c> or <c>"class: 4 per node"</c>; <see cref="TargetScope.Sample"/> by default.</summary>
    public TargetScope Per { get; init; } = TargetScope.Sample;

    /// <summary>Every declared input, in declaration order.</summary>
    public IReadOnlyList<TensorSignature> Inputs { get; init; } = [Sample];

    /// <summary>
    /// Checks samples against this signature: every declared input by name (element type and fixed dims), the targets
    /// as <see cref="Check(LabelledData, string)"/> does, an unlabelled declaration against data without targets,
    /// and the class names against the declared class count. Returns the samples in canonical form.
    /// </summary>
    /// <param name="source">Named in errors: the data source's type name, or the file the samples came from.</param>
    /// <exception cref="DataShapeException">An input is missing, extra or of another shape, or the targets do not match.</exception>
    public SampleSet Check(SampleSet data, string source)
    {
        ArgumentNullException.ThrowIfNull(data);
        string declaredNames = string.Join(", ", Inputs.Select(input => input.Name));
        if (!data.InputNames.Order(StringComparer.Ordinal).SequenceEqual(Inputs.Select(input => input.Name).Order(StringComparer.Ordinal), StringComparer.Ordinal))
            throw DataShapeException.InData(source, $"inputs {declaredNames}", $"inputs {string.Join(", ", data.InputNames)}");
        var symbols = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var declared in Inputs)
        {
            var values = data[declared.Name];
            if (ShapeCheck.BatchProblem(values, declared, symbols) is { } problem)
                throw DataShapeException.InData(source, ShapeCheck.Expected(declared), $"'{declared.Name}' as {ShapeCheck.Describe(values)}, so one sample has {problem}");
        }
        // In declaration order, whatever order the loader used.
        SampleSet Ordered(torch.Tensor? targets) => new(Inputs.Select(input => (input.Name, data[input.Name])), targets, data.Classes);
        if (Target == TargetKind.None)
        {
            return data.Targets is null ? Ordered(null)
                : throw DataShapeException.InData(source, "unlabelled samples (the declaration has no Target)", $"targets {Describe(data.Targets)}; call WithoutTargets() or declare the Target");
        }
        if (data.Targets is null)
            throw DataShapeException.InData(source, $"{Target.ToString().ToLowerInvariant()} targets (Target = \"{Target.ToString().ToLowerInvariant()}: {TargetSize}\")", "unlabelled samples");
        if (data.Classes is { } classes && (Target != TargetKind.Class || classes.Count != TargetSize))
            throw DataShapeException.InData(source,
                Target == TargetKind.Class ? $"{TargetSize} classes as declared (Target = \"class: {TargetSize}\")" : $"value targets (Target = \"value: {TargetSize}\"), not classes",
                $"{classes.Count} class names ({string.Join(", ", classes.Names)})");
        return Ordered(CheckTargets(data.Targets, data.Count, (expected, actual) => DataShapeException.InData(source, expected, actual)));
    }

    /// <summary>
    /// Checks loaded data against this signature and returns it in canonical form
    /// (value targets of shape <c>[N]</c> become <c>[N, 1]</c> when <see cref="TargetSize"/> is 1).
    /// </summary>
    /// <param name="source">Named in errors, usually the data source's type name.</param>
    /// <exception cref="DataShapeException">The features or targets do not match.</exception>
    public LabelledData Check(LabelledData data, string source)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Target == TargetKind.None)
            throw new DataShapeException(source, "unlabelled samples, which LabelledData cannot hold; implement ISampleSource", "labelled data");
        if (Inputs.Count != 1)
            throw new DataShapeException(source, $"{Inputs.Count} inputs ({string.Join(", ", Inputs.Select(input => input.Name))}), which LabelledData cannot hold; implement ISampleSource", "one input");
        CheckFeatures(data.Features, source);
        return data with { Targets = CheckTargets(data.Targets, data.Features.shape[0], (expected, actual) => new DataShapeException(source, expected, actual)) };
    }

    private torch.Tensor CheckTargets(torch.Tensor targets, long count, Func<string, string, DataShapeException> mismatch) =>
        Target != TargetKind.Class ? CheckValues(targets, count, mismatch)
        : Per == TargetScope.Sample ? CheckClasses(targets, count, mismatch)
        : CheckPositionClasses(targets, count, mismatch);

    /// <summary>
    /// Per pixel <c>[N, H, W]</c> with H, W the sample's last two dims; per node <c>[N, nodes]</c> with nodes the first
    /// input's first dim. Symbolic sample dims take the data's size, as the inputs' own check does.
    /// </summary>
    private torch.Tensor CheckPositionClasses(torch.Tensor targets, long count, Func<string, string, DataShapeException> mismatch)
    {
        var positions = Per == TargetScope.Pixel ? Sample.Dims.Skip(Math.Max(0, Sample.Rank - 2)).ToArray() : Sample.Dims.Take(1).ToArray();
        string unit = Per == TargetScope.Pixel ? "pixel" : "node";
        string expected = $"targets int64 [{count}, {string.Join(", ", positions)}] with one class index in [0, {TargetSize}) per {unit} (-1 = no label)";
        if (targets.dtype != torch.ScalarType.Int64 || targets.dim() != positions.Length + 1 || targets.shape[0] != count)
            throw mismatch(expected, $"targets {Describe(targets)}");
        for (int i = 0; i < positions.Length; i++)
            if (long.TryParse(positions[i], NumberStyles.None, CultureInfo.InvariantCulture, out long size) && targets.shape[i + 1] != size)
                throw mismatch(expected, $"targets {Describe(targets)}");
        if (targets.numel() == 0) return targets;
        using var minimum = targets.min();
        using var maximum = targets.max();
        long min = minimum.item<long>(), max = maximum.item<long>();
        if (min < -1 || max >= TargetSize)
            throw mismatch(expected, $"class indices from {min} to {max}");
        return targets;
    }

    private void CheckFeatures(torch.Tensor features, string source)
    {
        string expected = $"features {Sample.ElementType.ToString().ToLowerInvariant()} [N, {string.Join(", ", Sample.Dims)}]";
        string actual = $"features {Describe(features)}{ShapeCheck.ConversionAdvice(features.dtype, ScalarTypeOf(Sample.ElementType))}";
        if (features.dtype != ScalarTypeOf(Sample.ElementType) || features.dim() != Sample.Rank + 1)
            throw new DataShapeException(source, expected, actual);
        for (int i = 0; i < Sample.Rank; i++)
        {
            // Symbolic dims (variable length) accept any size.
            if (long.TryParse(Sample.Dims[i], NumberStyles.None, CultureInfo.InvariantCulture, out long size) && features.shape[i + 1] != size)
                throw new DataShapeException(source, expected, actual);
        }
    }

    private torch.Tensor CheckClasses(torch.Tensor targets, long count, Func<string, string, DataShapeException> mismatch)
    {
        string expected = $"targets int64 [{count}] with class indices in [0, {TargetSize})";
        if (targets.dtype != torch.ScalarType.Int64 || targets.dim() != 1 || targets.shape[0] != count)
            throw mismatch(expected, $"targets {Describe(targets)}{ShapeCheck.ConversionAdvice(targets.dtype, torch.ScalarType.Int64)}");
        if (count == 0) return targets;
        using var minimum = targets.min();
        using var maximum = targets.max();
        long min = minimum.item<long>(), max = maximum.item<long>();
        if (min < 0 || max >= TargetSize)
            throw mismatch(expected, $"class indices from {min} to {max}");
        return targets;
    }

    private torch.Tensor CheckValues(torch.Tensor targets, long count, Func<string, string, DataShapeException> mismatch)
    {
        string expected = TargetSize == 1
            ? $"targets float32 [{count}, 1] or [{count}]"
            : $"targets float32 [{count}, {TargetSize}]";
        bool isFloat = targets.dtype == torch.ScalarType.Float32;
        if (isFloat && TargetSize == 1 && targets.dim() == 1 && targets.shape[0] == count)
            return targets.reshape(count, 1);
        if (!isFloat || targets.dim() != 2 || targets.shape[0] != count || targets.shape[1] != TargetSize)
            throw mismatch(expected, $"targets {Describe(targets)}{ShapeCheck.ConversionAdvice(targets.dtype, torch.ScalarType.Float32)}");
        return targets;
    }

    /// <summary>The dtype a declared sample holds: <c>"tokens: int64[T]"</c> is int64 ids for an <c>Embedding</c>.</summary>
    private static torch.ScalarType ScalarTypeOf(TensorElementType type) => type switch
    {
        TensorElementType.Float32 => torch.ScalarType.Float32,
        TensorElementType.Float64 => torch.ScalarType.Float64,
        TensorElementType.Int64 => torch.ScalarType.Int64,
        TensorElementType.Bool => torch.ScalarType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a sample element type"),
    };

    private static string Describe(torch.Tensor tensor) =>
        $"{tensor.dtype.ToString().ToLowerInvariant()} [{string.Join(", ", tensor.shape)}]";
}
