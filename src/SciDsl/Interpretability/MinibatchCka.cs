using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>
/// Linear CKA over a set too large to hold at once (Nguyen et al., 2021): unbiased HSIC values are averaged over
/// minibatches of the same samples, and CKA is formed from the averages. Call <see cref="Add"/> per batch, then read
/// <see cref="Value"/>; with a single batch it equals <see cref="LinearCka.Unbiased"/>.
/// </summary>
public sealed class MinibatchCka
{
    private double cross;
    private double selfX;
    private double selfY;
    private long featuresX = -1;
    private long featuresY = -1;

    /// <summary>Batches added so far.</summary>
    public int Batches { get; private set; }

    /// <summary>Adds one minibatch: activations <paramref name="x"/> [b, ...] and <paramref name="y"/> [b, ...] of the same b ≥ 4 samples.</summary>
    /// <exception cref="ArgumentException">Different sample counts, fewer than 4 samples, rank below 2, or a width that differs from earlier batches.</exception>
    public void Add(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        var (a, b) = LinearCka.Prepare(x, y, $"{nameof(MinibatchCka)}.{nameof(Add)}", minSamples: 4);
        CheckWidth(ref featuresX, a.shape[1], x, nameof(x));
        CheckWidth(ref featuresY, b.shape[1], y, nameof(y));
        var terms = UnbiasedHsic.Of(a, b);
        cross += terms.Cross;
        selfX += terms.SelfX;
        selfY += terms.SelfY;
        Batches++;
    }

    /// <summary>The CKA estimate from the batches added so far.</summary>
    /// <exception cref="InvalidOperationException">No batch was added, or a representation never varied.</exception>
    public double Value
    {
        get
        {
            if (Batches == 0)
                throw new InvalidOperationException($"{nameof(MinibatchCka)}: add at least one batch before reading {nameof(Value)}.");
            double denominator = Math.Sqrt(Math.Max(selfX, 0) * Math.Max(selfY, 0));
            if (!(denominator > 0))
                throw new InvalidOperationException($"{nameof(MinibatchCka)}: x or y did not vary across samples; CKA is undefined for a constant representation.");
            return cross / denominator;
        }
    }

    private static void CheckWidth(ref long expected, long width, Tensor batch, string argument)
    {
        if (expected >= 0 && expected != width)
            throw new ArgumentException(
                $"{nameof(MinibatchCka)}.{nameof(Add)}: {argument} has shape {ActivationMatrix.Format(batch)} ({width} features per sample), but earlier batches had {expected}.",
                argument);
        expected = width;
    }
}
