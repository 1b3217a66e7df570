using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>
/// Linear centred kernel alignment (Kornblith et al., 2019) between two sets of activations of the same samples:
/// 1 when one representation is an orthogonal transform and isotropic scaling of the other, near 0 when unrelated.
/// </summary>
/// <remarks>
/// Works in feature space (||Yᵀ X||_F² / (||Xᵀ X||_F ||Yᵀ Y||_F)), never forming the n × n Gram matrices, so its cost
/// grows linearly with the number of samples; computed in float64 because the ratio of large sums loses digits in
/// float32. For sets too large for memory, feed minibatches to <see cref="MinibatchCka"/>.
/// </remarks>
public static class LinearCka
{
    /// <summary>
    /// The standard (biased) linear CKA of <paramref name="x"/> [n, ...] and <paramref name="y"/> [n, ...]; dimensions
    /// after the first are flattened per sample, and the two may differ in width.
    /// </summary>
    /// <exception cref="ArgumentException">Different sample counts, rank below 2, fewer than 2 samples, or a constant representation.</exception>
    public static double Compute(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        var (a, b) = Prepare(x, y, nameof(Compute), minSamples: 2);
        a = ActivationMatrix.Centre(a);
        b = ActivationMatrix.Centre(b);
        double cross = ActivationMatrix.SquaredNorm(b.t().mm(a));
        double selfX = Math.Sqrt(ActivationMatrix.SquaredNorm(a.t().mm(a)));
        double selfY = Math.Sqrt(ActivationMatrix.SquaredNorm(b.t().mm(b)));
        return cross / Denominator(selfX, selfY, x, y, nameof(Compute));
    }

    /// <summary>
    /// Linear CKA from the unbiased HSIC estimator (Song et al., 2012), which removes the positive bias of
    /// <see cref="Compute"/> on finite samples: independent representations score near 0 even when wide.
    /// Needs at least 4 samples.
    /// </summary>
    public static double Unbiased(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        var (a, b) = Prepare(x, y, nameof(Unbiased), minSamples: 4);
        var terms = UnbiasedHsic.Of(a, b);
        return terms.Cross / Denominator(Math.Sqrt(Math.Max(terms.SelfX, 0)), Math.Sqrt(Math.Max(terms.SelfY, 0)), x, y, nameof(Unbiased));
    }

    internal static (Tensor X, Tensor Y) Prepare(Tensor x, Tensor y, string method, int minSamples)
    {
        method = $"{nameof(LinearCka)}.{method}";
        var a = ActivationMatrix.Flatten(x, method, nameof(x));
        var b = ActivationMatrix.Flatten(y, method, nameof(y));
        ActivationMatrix.CheckPair(x, y, method, minSamples);
        return (a, b);
    }

    internal static double Denominator(double selfX, double selfY, Tensor x, Tensor y, string method)
    {
        double denominator = selfX * selfY;
        if (!(denominator > 0))
            throw new ArgumentException(
                $"{nameof(LinearCka)}.{method}: x {ActivationMatrix.Format(x)} or y {ActivationMatrix.Format(y)} does not vary across samples; CKA is undefined for a constant representation.");
        return denominator;
    }
}
