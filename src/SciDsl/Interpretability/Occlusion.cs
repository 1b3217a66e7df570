using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>
/// Occlusion (Zeiler and Fergus, 2014): slide a window of a constant value over the input and record how much the
/// target score drops; a position's attribution is the mean drop over the windows covering it.
/// </summary>
public static class Occlusion
{
    /// <summary>
    /// Attributions of x's shape [B, ...]. <paramref name="window"/> and <paramref name="stride"/> give one size per
    /// sample dimension (for images [C, H, W], e.g. window {1, 3, 3}); windows start at 0, stride, … while they fit. The
    /// occluded copies of the batch, one per window position, are scored <paramref name="chunkSize"/> rows per forward
    /// pass without gradients. Positions no window covers get 0.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// window or stride of the wrong length, a size ≤ 0, a window larger than the input, chunkSize ≤ 0, x that does not
    /// fit the model or holds NaN, or a target outside the output width.
    /// </exception>
    public static Tensor Compute(
        nn.Module<Tensor, Tensor> model, Tensor x, long target, long[] window, long[] stride, double baselineValue = 0, int chunkSize = 256) =>
        Compute(model, AttributionModel.OneInput(model, x), target, window, stride, baselineValue, chunkSize).Values.Single();

    /// <summary>
    /// Occlusion for a model with several inputs: the window slides over each floating-point input in turn while the
    /// other inputs keep their values, so each gets attributions of its own shape, by name; integer inputs are not
    /// occluded. <paramref name="window"/> and <paramref name="stride"/> apply to every floating-point input, which must
    /// all have as many sample dimensions as they have sizes. Chunked like the one-input method.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// window or stride of the wrong length for an input, a size ≤ 0, a window larger than an input, chunkSize ≤ 0,
    /// inputs the model does not take or that hold NaN, or a target outside the output width.
    /// </exception>
    public static IReadOnlyDictionary<string, Tensor> Compute(
        nn.Module model, ModelInputs inputs, long target, long[] window, long[] stride, double baselineValue = 0, int chunkSize = 256)
    {
        const string method = nameof(Occlusion);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(stride);
        if (!double.IsFinite(baselineValue))
            throw new ArgumentOutOfRangeException(nameof(baselineValue), baselineValue, $"{method}: baselineValue must be a finite number.");
        using var borrowed = AttributionModel.Borrow(model, inputs, method);
        for (int i = 0; i < borrowed.Inputs.Length; i++)
        {
            if (!borrowed.Attributed[i]) continue;
            var x = borrowed.Inputs[i];
            var sampleShape = x.shape.Skip(1).ToArray();
            CheckSizes(window, nameof(window), sampleShape, x, borrowed.Names[i], method);
            CheckSizes(stride, nameof(stride), sampleShape, x, borrowed.Names[i], method);
            for (int d = 0; d < window.Length; d++)
                if (window[d] > sampleShape[d])
                    throw new ArgumentException(
                        $"{method}: window [{string.Join(", ", window)}] is larger than a sample {AttributionModel.Shape(x, skip: 1)} of {borrowed.Names[i]} in dimension {d + 1}.",
                        nameof(window));
        }

        using var scope = NewDisposeScope();
        var attributions = new Tensor?[borrowed.Inputs.Length];
        for (int i = 0; i < attributions.Length; i++)
            if (borrowed.Attributed[i])
                attributions[i] = Occlude(borrowed, i, target, window, stride, baselineValue, chunkSize);
        return borrowed.ByName(attributions);
    }

    /// <summary>Input <paramref name="occluded"/>'s mean score drop per position, the other inputs at their values.</summary>
    private static Tensor Occlude(
        AttributionModel borrowed, int occluded, long target, long[] window, long[] stride, double baselineValue, int chunkSize)
    {
        var input = borrowed.Inputs[occluded];
        long batch = borrowed.Batch;
        var regions = Windows(input.shape.Skip(1).ToArray(), window, stride).ToArray();
        // Row r is sample r mod B with the window at position r / B.
        var drops = borrowed.Drops(regions.Length * batch, chunkSize, target, (row, sample) =>
        {
            var points = borrowed.Inputs.Select(x => x.index_select(0, sample)).ToArray();
            long first = row[0].item<long>(), end = first + row.shape[0];
            for (long position = first / batch; position * batch < end; position++)
            {
                var rows = TensorIndex.Slice(Math.Max(first, position * batch) - first, Math.Min(end, (position + 1) * batch) - first);
                points[occluded][regions[position].Prepend(rows).ToArray()].fill_(baselineValue);
            }
            return points;
        }).reshape(regions.Length, batch);
        var dropSum = zeros(input.shape, float64);
        var coverage = zeros(input.shape.Skip(1).ToArray(), float64);
        for (int position = 0; position < regions.Length; position++)
        {
            var region = regions[position];
            dropSum[region.Prepend(TensorIndex.Colon).ToArray()].add_(AttributionModel.PerRow(drops[position], input));
            coverage[region].add_(1);
        }
        return (dropSum / coverage.clamp_min(1)).to(input.dtype);
    }

    private static void CheckSizes(long[] sizes, string name, long[] sampleShape, Tensor x, string input, string method)
    {
        if (sizes.Length != sampleShape.Length || sizes.Any(s => s <= 0))
            throw new ArgumentException(
                $"{method}: {name} [{string.Join(", ", sizes)}] must give one positive size per sample dimension of {input} {AttributionModel.Shape(x)}, i.e. {sampleShape.Length} sizes.",
                name);
    }

    // Every window position as indices [dim1, dim2, ...] of a sample, dimensions enumerated like nested loops.
    private static IEnumerable<TensorIndex[]> Windows(long[] sampleShape, long[] window, long[] stride)
    {
        var starts = new long[sampleShape.Length];
        while (true)
        {
            yield return starts.Select((s, d) => TensorIndex.Slice(s, s + window[d])).ToArray();
            int dim = sampleShape.Length - 1;
            while (dim >= 0 && starts[dim] + stride[dim] + window[dim] > sampleShape[dim])
                starts[dim--] = 0;
            if (dim < 0)
                yield break;
            starts[dim] += stride[dim];
        }
    }
}
