using TorchSharp;

namespace SciDsl;

/// <summary>
/// In-memory tensors as samples, for <see cref="IDataSource"/> and <see cref="ISampleSource"/> implementations that
/// compute or already hold their data. <see cref="DatasetSignature.Check(SampleSet, string)"/> checks them against the declaration.
/// </summary>
public static class TensorData
{
    /// <summary>Labelled single-input samples: <paramref name="x"/> <c>[N, …]</c> and targets <c>[N]</c> or <c>[N, k]</c>.</summary>
    public static SampleSet From(torch.Tensor x, torch.Tensor targets, ClassLabels? classes = null) => new([("x", x)], targets, classes);

    /// <summary>Unlabelled single-input samples.</summary>
    public static SampleSet Unlabelled(torch.Tensor x) => new([("x", x)]);

    /// <summary>
    /// Stacks per-sample tensors into one <c>[N, …]</c> tensor, checking each against the declared sample shape;
    /// a sample of another shape is an error naming its index, the expected and the actual shape.
    /// </summary>
    /// <param name="source">Names the data in errors, e.g. a file or the data source's type name.</param>
    /// <exception cref="DataShapeException">A sample's shape or element type differs from <paramref name="declared"/>, or there are no samples.</exception>
    public static torch.Tensor Stack(IReadOnlyList<torch.Tensor> samples, TensorSignature declared, string source)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(declared);
        if (samples.Count == 0) throw DataShapeException.InData(source, $"at least one '{declared.Name}' sample", "none");
        var first = samples[0];
        for (int i = 0; i < samples.Count; i++)
        {
            string? problem = ShapeCheck.SampleProblem(samples[i], declared);
            if (problem is null && !samples[i].shape.SequenceEqual(first.shape)) problem = $"its shape differs from sample 0's {ShapeCheck.Describe(first)}";
            if (problem is not null)
                throw DataShapeException.InData(source, ShapeCheck.Expected(declared),
                    $"sample {i} of '{declared.Name}' as {ShapeCheck.Describe(samples[i])} ({problem})");
        }
        return torch.stack(samples);
    }
}
