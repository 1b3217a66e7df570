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
    /// sample dimension (for images [C, H, W], e.g. window {1, 3, 3}); windows start at 0, stride, … while they fit. Each
    /// window position costs one forward pass over the batch, without gradients. Positions no window covers get 0.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// window or stride of the wrong length, a size ≤ 0, a window larger than the input, x that does not fit the model or
    /// holds NaN, or a target outside the output width.
    /// </exception>
    public static Tensor Compute(
        nn.Module<Tensor, Tensor> model, Tensor x, long target, long[] window, long[] stride, double baselineValue = 0)
    {
        const string method = nameof(Occlusion);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(stride);
        if (!double.IsFinite(baselineValue))
            throw new ArgumentOutOfRangeException(nameof(baselineValue), baselineValue, $"{method}: baselineValue must be a finite number.");
        using var borrowed = AttributionModel.Borrow(model, x, method);
        var sampleShape = x.shape.Skip(1).ToArray();
        CheckSizes(window, nameof(window), sampleShape, x, method);
        CheckSizes(stride, nameof(stride), sampleShape, x, method);
        for (int d = 0; d < window.Length; d++)
            if (window[d] > sampleShape[d])
                throw new ArgumentException(
                    $"{method}: window [{string.Join(", ", window)}] is larger than a sample {AttributionModel.Shape(x, skip: 1)} in dimension {d + 1}.",
                    nameof(window));

        using var scope = NewDisposeScope();
        var input = x.detach();
        var clean = borrowed.ScoreWithoutGradient(input, target);
        var dropSum = zeros(input.shape, float64);
        var coverage = zeros(input.shape, float64);
        var broadcastDrop = new long[] { -1 }.Concat(Enumerable.Repeat(1L, sampleShape.Length)).ToArray();
        foreach (var region in Windows(sampleShape, window, stride))
        {
            using var windowScope = NewDisposeScope();
            var occluded = input.clone();
            occluded[region].fill_(baselineValue);
            var drop = (clean - borrowed.ScoreWithoutGradient(occluded, target)).to(float64).reshape(broadcastDrop);
            dropSum[region].add_(drop);
            coverage[region].add_(1);
        }
        return (dropSum / coverage.clamp_min(1)).to(input.dtype).MoveToOuterDisposeScope();
    }

    private static void CheckSizes(long[] sizes, string name, long[] sampleShape, Tensor x, string method)
    {
        if (sizes.Length != sampleShape.Length || sizes.Any(s => s <= 0))
            throw new ArgumentException(
                $"{method}: {name} [{string.Join(", ", sizes)}] must give one positive size per sample dimension of x {AttributionModel.Shape(x)}, i.e. {sampleShape.Length} sizes.",
                name);
    }

    // Every window position as indices [batch, dim1, dim2, ...], dimensions enumerated like nested loops.
    private static IEnumerable<TensorIndex[]> Windows(long[] sampleShape, long[] window, long[] stride)
    {
        var starts = new long[sampleShape.Length];
        while (true)
        {
            yield return new[] { TensorIndex.Colon }
                .Concat(starts.Select((s, d) => TensorIndex.Slice(s, s + window[d])))
                .ToArray();
            int dim = sampleShape.Length - 1;
            while (dim >= 0 && starts[dim] + stride[dim] + window[dim] > sampleShape[dim])
                starts[dim--] = 0;
            if (dim < 0)
                yield break;
            starts[dim] += stride[dim];
        }
    }
}
