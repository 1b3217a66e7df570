using TorchSharp;

namespace SciDsl.Samples.CellSegmentation;

/// <summary>How the sample scores <see cref="CellUNet"/>'s masks.</summary>
public static class CellScoring
{
    /// <summary>
    /// Intersection over union of the predicted cell pixels (class 1 has the larger of the two logits) and the true
    /// cell pixels (mask class 1), pooled over all images: |predicted ∧ true| / |predicted ∨ true|.
    /// </summary>
    /// <param name="logits"><c>[B, 2, H, W]</c>: background and cell logits per pixel.</param>
    /// <param name="masks"><c>[B, H, W]</c> class indices: 0 background, 1 cell.</param>
    public static double CellIntersectionOverUnion(torch.Tensor logits, torch.Tensor masks)
    {
        using var predicted = logits.argmax(1).eq(1).flatten();
        using var truth = masks.eq(1).flatten();
        return Overlap.IntersectionOverUnion(predicted.data<bool>().ToArray(), truth.data<bool>().ToArray());
    }
}
