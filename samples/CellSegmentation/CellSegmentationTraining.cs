using TorchSharp;
using static TorchSharp.torch.nn.functional;

namespace SciDsl.Samples.CellSegmentation;

/// <summary>How the sample trains <see cref="CellUNet"/> and scores its masks.</summary>
public static class CellSegmentationTraining
{
    /// <summary>Per-pixel binary cross-entropy on the logits, Adam at 3e-3, batches of 16; returns each epoch's mean loss.</summary>
    public static IReadOnlyList<double> Train(CellUNet model, torch.Tensor images, torch.Tensor masks, int epochs, int seed) =>
        MiniBatchTraining.Run(model, images.shape[0], epochs, batchSize: 16, learningRate: 3e-3, seed,
            indices => binary_cross_entropy_with_logits(model.forward(images.index_select(0, indices)), masks.index_select(0, indices)));

    /// <summary>
    /// Intersection over union of the predicted cell pixels (logit &gt; 0) and the true mask, pooled over all images:
    /// |predicted ∧ true| / |predicted ∨ true|.
    /// </summary>
    public static double IntersectionOverUnion(torch.Tensor logits, torch.Tensor masks)
    {
        using var predicted = logits.gt(0).flatten();
        using var truth = masks.gt(0.5).flatten();
        return Overlap.IntersectionOverUnion(predicted.data<bool>().ToArray(), truth.data<bool>().ToArray());
    }
}
