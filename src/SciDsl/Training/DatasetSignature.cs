using System.Globalization;
using TorchSharp;

namespace SciDsl;

/// <summary>What a target is: a class index or real values to regress.</summary>
public enum TargetKind { Class, Value }

/// <summary>
/// A data source's declared shape, generated from <c>[Dataset("x: 1,8,8", Target = "class: 10")]</c>.
/// </summary>
/// <param name="Sample">One sample without the batch dim.</param>
/// <param name="TargetSize">Number of classes for <see cref="TargetKind.Class"/>; values per sample for <see cref="TargetKind.Value"/>.</param>
public sealed record DatasetSignature(TensorSignature Sample, TargetKind Target, int TargetSize)
{
    /// <summary>
    /// Checks loaded data against this signature and returns it in canonical form
    /// (value targets of shape <c>[N]</c> become <c>[N, 1]</c> when <see cref="TargetSize"/> is 1).
    /// </summary>
    /// <param name="source">Named in errors, usually the data source's type name.</param>
    /// <exception cref="DataShapeException">The features or targets do not match.</exception>
    public LabelledData Check(LabelledData data, string source)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckFeatures(data.Features, source);
        long count = data.Features.shape[0];
        return data with { Targets = Target == TargetKind.Class ? CheckClasses(data.Targets, count, source) : CheckValues(data.Targets, count, source) };
    }

    private void CheckFeatures(torch.Tensor features, string source)
    {
        string expected = $"features {Sample.ElementType.ToString().ToLowerInvariant()} [N, {string.Join(", ", Sample.Dims)}]";
        string actual = $"features {Describe(features)}";
        if (features.dtype != ScalarTypeOf(Sample.ElementType) || features.dim() != Sample.Rank + 1)
            throw new DataShapeException(source, expected, actual);
        for (int i = 0; i < Sample.Rank; i++)
        {
            // Symbolic dims (variable length) accept any size.
            if (long.TryParse(Sample.Dims[i], NumberStyles.None, CultureInfo.InvariantCulture, out long size) && features.shape[i + 1] != size)
                throw new DataShapeException(source, expected, actual);
        }
    }

    private torch.Tensor CheckClasses(torch.Tensor targets, long count, string source)
    {
        string expected = $"targets int64 [{count}] with class indices in [0, {TargetSize})";
        if (targets.dtype != torch.ScalarType.Int64 || targets.dim() != 1 || targets.shape[0] != count)
            throw new DataShapeException(source, expected, $"targets {Describe(targets)}");
        if (count == 0) return targets;
        using var minimum = targets.min();
        using var maximum = targets.max();
        long min = minimum.item<long>(), max = maximum.item<long>();
        if (min < 0 || max >= TargetSize)
            throw new DataShapeException(source, expected, $"class indices from {min} to {max}");
        return targets;
    }

    private torch.Tensor CheckValues(torch.Tensor targets, long count, string source)
    {
        string expected = TargetSize == 1
            ? $"targets float32 [{count}, 1] or [{count}]"
            : $"targets float32 [{count}, {TargetSize}]";
        bool isFloat = targets.dtype == torch.ScalarType.Float32;
        if (isFloat && TargetSize == 1 && targets.dim() == 1 && targets.shape[0] == count)
            return targets.reshape(count, 1);
        if (!isFloat || targets.dim() != 2 || targets.shape[0] != count || targets.shape[1] != TargetSize)
            throw new DataShapeException(source, expected, $"targets {Describe(targets)}");
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
