using SciDsl.Samples.CellSegmentation;
using SciDsl.Tests.Onnx;
using TorchSharp;

namespace SciDsl.Tests.Samples;

/// <summary>The CellSegmentation sample's data, metric and U-Net, on a small run (the sample itself trains longer).</summary>
public sealed class CellSegmentationSampleTests
{
    [Fact]
    public void Synthetic_cells_are_reproducible_and_brighter_than_their_local_background()
    {
        var (images, masks) = SyntheticCells.Generate(32, seed: 5);
        var (again, againMasks) = SyntheticCells.Generate(32, seed: 5);
        var (other, _) = SyntheticCells.Generate(32, seed: 6);

        Assert.Equal(new long[] { 32, 1, 32, 32 }, images.shape);
        Assert.True(images.eq(again).all().item<bool>() && masks.eq(againMasks).all().item<bool>(), "the same seed must give the same images");
        Assert.False(images.eq(other).all().item<bool>(), "another seed must give other images");
        Assert.True(masks.eq(0).logical_or(masks.eq(1)).all().item<bool>(), "masks are 0/1");
        double cellFraction = masks.mean().item<float>();
        Assert.InRange(cellFraction, 0.05, 0.4);

        // Cells are at least 0.35 × 0.6 above the background, noise 0.1: inside the mask is clearly brighter.
        var inside = images.masked_select(masks.gt(0.5)).mean().item<float>();
        var outside = images.masked_select(masks.lt(0.5)).mean().item<float>();
        Assert.True(inside > outside + 0.25, $"mean inside {inside}, outside {outside}");
    }

    [Fact]
    public void IoU_counts_intersection_over_union_of_positive_logits_and_the_mask()
    {
        // Predicted: pixels 0, 1, 2; true: pixels 1, 2, 3, 4 → intersection 2, union 5.
        var logits = torch.tensor(new float[] { 3, 0.5f, 1, -1, -2, -0.1f }).reshape(1, 1, 2, 3);
        var masks = torch.tensor(new float[] { 0, 1, 1, 1, 1, 0 }).reshape(1, 1, 2, 3);

        Assert.Equal(0.4, CellSegmentationTraining.IntersectionOverUnion(logits, masks), 12);
        Assert.Equal(1.0, CellSegmentationTraining.IntersectionOverUnion(masks * 2 - 1, masks), 12);
    }

    [Fact]
    public void A_short_run_learns_to_segment_held_out_cells_and_the_onnx_export_agrees()
    {
        var (images, masks) = SyntheticCells.Generate(192, seed: 11);
        var (testImages, testMasks) = SyntheticCells.Generate(32, seed: 12);
        torch.manual_seed(3);
        using var model = new CellUNet();

        var losses = CellSegmentationTraining.Train(model, images, masks, epochs: 8, seed: 3);

        Assert.True(losses[^1] < 0.6 * losses[0], $"loss {losses[0]:G4} -> {losses[^1]:G4}");
        torch.Tensor logits;
        using (torch.no_grad()) logits = model.forward(testImages);
        double iou = CellSegmentationTraining.IntersectionOverUnion(logits, testMasks);
        Assert.True(iou > 0.5, $"held-out IoU {iou:F3} after 8 short epochs");
        using var directory = new TempDirectory();
        string path = directory.File("cells.onnx");
        model.ExportOnnx(path);
        OnnxRuntimeParity.AssertMatches(path, new Dictionary<string, torch.Tensor> { ["x"] = testImages }, logits);
    }
}
