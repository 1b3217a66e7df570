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
    public void Cell_IoU_counts_intersection_over_union_of_the_cell_class_and_the_mask()
    {
        // Cell logit above background at pixels 0, 1, 2; true cells at pixels 1, 2, 3, 4 → intersection 2, union 5.
        var cell = torch.tensor(new float[] { 3, 0.5f, 1, -1, -2, -0.1f }).reshape(1, 1, 2, 3);
        var logits = torch.cat([torch.zeros_like(cell), cell], 1);
        var masks = torch.tensor(new long[] { 0, 1, 1, 1, 1, 0 }).reshape(1, 2, 3);

        Assert.Equal(0.4, CellScoring.CellIntersectionOverUnion(logits, masks), 12);
        Assert.Equal(1.0, CellScoring.CellIntersectionOverUnion(torch.nn.functional.one_hot(masks, 2).permute(0, 3, 1, 2), masks), 12);
    }

    [Fact]
    public void A_short_run_of_the_declared_experiment_learns_to_segment_test_cells_and_the_onnx_export_agrees()
    {
        var data = new SyntheticCellImages(240, seed: 11);
        var config = CellSegmentationExperiment.Config with { Epochs = 8 };
        using var directory = new TempDirectory();

        var result = SupervisedTrainer.Run(config, () => new CellUNet(), data, SyntheticCellImages.Signature,
            new TrainOptions { CheckpointPath = directory.File("cells.ckpt"), Progress = ProgressMode.None });

        Assert.True(result.Final.TrainLoss < 0.6 * result.History[0].TrainLoss, $"loss {result.History[0].TrainLoss:G4} -> {result.Final.TrainLoss:G4}");
        var test = data.Load().TestPart(config);
        torch.Tensor logits;
        result.Model.eval();
        using (torch.no_grad()) logits = result.Model.forward(test.Features);
        double iou = CellScoring.CellIntersectionOverUnion(logits, test.Targets);
        Assert.True(iou > 0.5, $"test cell IoU {iou:F3} after 8 short epochs");
        Assert.True(result.Test!.Metrics["iou"] > 0.6, $"test mean IoU over both classes {result.Test.Metrics["iou"]:F3}");
        string path = directory.File("cells.onnx");
        result.Model.ExportOnnx(path);
        OnnxRuntimeParity.AssertMatches(path, new Dictionary<string, torch.Tensor> { ["x"] = test.Features }, logits);
    }
}
