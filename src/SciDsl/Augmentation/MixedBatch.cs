using static TorchSharp.torch;

namespace SciDsl;

/// <summary>
/// A batch mixed by <see cref="Mixup"/> or <see cref="CutMix"/>: sample i was mixed with sample
/// <c>Permutation[i]</c>, keeping a share <see cref="Lambda"/> of its own input and target.
/// </summary>
/// <param name="Inputs">Mixed inputs, the shape of the original batch.</param>
/// <param name="Targets">Soft targets <c>[B,K]</c>: λ·own + (1-λ)·partner's; each row sums to 1.</param>
/// <param name="Lambda">The share of each sample's own input (for CutMix, the share of pixels outside the box).</param>
/// <param name="Permutation">The partner of each sample, <c>[B]</c> int64.</param>
/// <param name="Box">The pasted region for CutMix; null for Mixup.</param>
public sealed record MixedBatch(Tensor Inputs, Tensor Targets, double Lambda, Tensor Permutation, CutMixBox? Box = null) : IDisposable
{
    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
        Permutation.Dispose();
    }
}

/// <summary>The rectangle of rows [Top, Top+Height) and columns [Left, Left+Width) pasted from the partner sample.</summary>
public readonly record struct CutMixBox(long Top, long Left, long Height, long Width)
{
    public long Area => Height * Width;
}
