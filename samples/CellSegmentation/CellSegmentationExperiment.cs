using TorchSharp;

namespace SciDsl.Samples.CellSegmentation;

/// <summary>
/// The synthetic cell images (<see cref="SyntheticCells"/>) as a data set: one mask class per pixel, 0 background and
/// 1 cell. The experiment uses 900 images from seed 1; tests make smaller ones.
/// </summary>
[Dataset("x: 1,32,32", Target = "class: 2 per pixel")]
public partial class SyntheticCellImages(int count, int seed) : IDataSource
{
    public SyntheticCellImages() : this(900, seed: 1)
    {
    }

    public LabelledData Load()
    {
        var (images, masks) = SyntheticCells.Generate(count, seed);
        return new LabelledData(images, masks.squeeze(1).to_type(torch.ScalarType.Int64));
    }
}

/// <summary>
/// Per-pixel cross-entropy over the two classes, Adam at 3e-3, batches of 16, 10 epochs; 10 % of the images validate
/// (the epoch with the best validation mean IoU is returned) and 20 % are held out for the test.
/// </summary>
[Experiment(typeof(CellUNet), typeof(SyntheticCellImages))]
[Supervised(Loss.CrossEntropy)]
[Optimizer(Optim.Adam, LearningRate = 3e-3)]
[Train(Epochs = 10, BatchSize = 16, Seed = 42, ValidationSplit = 0.1, TestSplit = 0.2, EarlyStopping = "val_iou")]
public partial class CellSegmentationExperiment;
