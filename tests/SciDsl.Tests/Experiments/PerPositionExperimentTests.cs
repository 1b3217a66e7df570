using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Experiments;

/// <summary>
/// Class targets per pixel (segmentation) and per node (node classification with a train mask), trained through the
/// generated experiments; the test split's metrics are checked against the returned model's own predictions.
/// </summary>
public sealed class PerPositionExperimentTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("scidsl-per-position-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private TrainOptions Options(string name) => new() { CheckpointPath = Path.Combine(directory, name + ".ckpt"), Progress = ProgressMode.None };

    [Fact]
    public void Segmentation_learns_the_masks_and_reports_IoU_and_Dice_on_the_test_split()
    {
        var result = new BrightRectanglesExperiment().Run(Options("segmentation"));

        var (images, masks) = TestPart(new BrightRectangles().Load(), BrightRectanglesExperiment.Config);
        long[] truth = masks.flatten().data<long>().ToArray();
        long[] trained = PredictedPixels(result.Model, images);
        torch.manual_seed(BrightRectanglesExperiment.Config.Seed);
        long[] untrained = PredictedPixels(new TinySegmenter(), images);
        double iou = Overlap.MeanIntersectionOverUnion(trained, truth, 2);

        Assert.Equal(iou, result.Test!.Metrics["iou"], 9);
        Assert.Equal((double)trained.Zip(truth).Count(p => p.First == p.Second) / truth.Length, result.Test.Accuracy!.Value, 9);
        Assert.True(iou > 0.8, $"test mean IoU {iou:F3}");
        Assert.True(iou > Overlap.MeanIntersectionOverUnion(untrained, truth, 2) + 0.3, "training should raise the IoU well above the initial model's");
        Assert.Contains("val_iou", result.Final.Metrics!.Keys);
        Assert.Contains("val_dice", result.Final.Metrics.Keys);
        Assert.DoesNotContain("roc_auc", result.Test.Metrics.Keys);
    }

    [Fact]
    public void Segmentation_with_the_Dice_loss_learns_the_masks()
    {
        var result = new BrightRectanglesDiceExperiment().Run(Options("dice"));

        Assert.True(result.Test!.Metrics["dice"] > 0.85, $"test mean Dice {result.Test.Metrics["dice"]:F3}");
        Assert.True(result.Final.TrainLoss < result.History[0].TrainLoss, "the Dice loss should fall");
    }

    [Fact]
    public void Node_classification_learns_from_the_masked_nodes_and_scores_only_labelled_nodes()
    {
        var result = new TwoCommunityExperiment().Run(Options("nodes"));

        var samples = new TwoCommunityGraphs().LoadSamples();
        var config = TwoCommunityExperiment.Config;
        using var split = DataSplit.Create(samples.Inputs, samples.Targets!, config.ValidationSplit, config.TestSplit, config.Seed, "graphs");
        Tensor logits;
        result.Model.eval();
        using (no_grad()) logits = result.Model.forward(split.TestInputs![0], split.TestInputs[1]);
        long[] predicted = logits.argmax(-1).flatten().data<long>().ToArray();
        long[] labels = split.TestTargets!.flatten().data<long>().ToArray();
        var labelled = Enumerable.Range(0, labels.Length).Where(i => labels[i] >= 0).ToArray();
        double accuracy = (double)labelled.Count(i => predicted[i] == labels[i]) / labelled.Length;

        Assert.Equal(accuracy, result.Test!.Accuracy!.Value, 9);
        Assert.Equal(labelled.Length, result.Test.ConfusionMatrix!.Total);
        Assert.True(accuracy > 0.8, $"test node accuracy {accuracy:F3} (chance 0.5)");
    }

    [Fact]
    public void Nodes_outside_the_train_mask_add_nothing_to_the_loss()
    {
        // Every node's logits are [0, ln 3], so p = [1/4, 3/4]; labels 0, 1 and -1: (ln 4 + ln(4/3)) / 2.
        var signature = DatasetSignature.OfInputs(
            [new TensorSignature("x", TensorElementType.Float32, ["N", "2"]), new TensorSignature("adj", TensorElementType.Float32, ["N", "N"])],
            TargetKind.Class, 2) with { Per = TargetScope.Node };
        var model = new FixedNodeLogits([0, (float)Math.Log(3)]);
        using var split = DataSplit.Create([zeros(1, 3, 2), zeros(1, 3, 3)], tensor(new long[] { 0, 1, -1 }).reshape(1, 3), 0, 0, 1, "Fixed");
        using var optimizer = optim.SGD(model.parameters(), 0.1);
        var paradigm = new SupervisedParadigm(new TrainConfig(Loss.CrossEntropy, Optim.SGD), model, inputs => model.forward(inputs[0]),
            nameof(FixedNodeLogits), "Fixed", signature, split, optimizer);

        double loss = paradigm.TrainStep([0], new TrainingStep(1, 1, null, null)).Loss;

        Assert.Equal((Math.Log(4) + Math.Log(4.0 / 3)) / 2, loss, 5);
    }

    [Fact]
    public void A_mask_of_another_size_than_the_image_is_refused_naming_both_shapes()
    {
        var images = zeros(4, 1, 8, 8);
        var error = Assert.Throws<DataShapeException>(() => BrightRectangles.Signature.Check(new LabelledData(images, zeros(4, 6, 6, dtype: ScalarType.Int64)), "Masks"));

        Assert.Contains("targets int64 [4, 8, 8] with one class index in [0, 2) per pixel", error.Message);
        Assert.Contains("int64 [4, 6, 6]", error.Message);
    }

    [Fact]
    public void A_pixel_class_outside_the_declared_classes_is_refused()
    {
        var masks = zeros(2, 8, 8, dtype: ScalarType.Int64);
        masks[1, 3, 3] = tensor(2L);
        var error = Assert.Throws<DataShapeException>(() => BrightRectangles.Signature.Check(new LabelledData(zeros(2, 1, 8, 8), masks), "Masks"));

        Assert.Contains("class indices from 0 to 2", error.Message);
    }

    [Fact]
    public void Augmenting_images_whose_masks_would_not_follow_is_refused()
    {
        var flips = BrightRectanglesExperiment.Config with { Augmentation = Augmentation.From(new AugmentAttribute { FlipHorizontal = 0.5 }) };
        var mixup = BrightRectanglesExperiment.Config with { Mixing = new MixSetting(MixKind.Mixup, 0.2) };

        var flipError = Assert.Throws<ArgumentException>(() => SupervisedTrainer.Run(flips, () => new TinySegmenter(), new BrightRectangles(), BrightRectangles.Signature, Options("flips")));
        var mixError = Assert.Throws<ArgumentException>(() => SupervisedTrainer.Run(mixup, () => new TinySegmenter(), new BrightRectangles(), BrightRectangles.Signature, Options("mixup")));

        Assert.Contains("TrainConfig.Augmentation transforms the inputs but not targets per pixel", flipError.Message);
        Assert.Contains("TrainConfig.Mixing transforms the inputs but not targets per pixel", mixError.Message);
    }

    /// <summary>The samples a run with <paramref name="config"/> holds out for testing.</summary>
    private static (Tensor Images, Tensor Masks) TestPart(LabelledData data, TrainConfig config)
    {
        using var split = DataSplit.Create([data.Features], data.Targets, config.ValidationSplit, config.TestSplit, config.Seed, "data");
        return (split.TestInputs![0].alias(), split.TestTargets!.alias());
    }

    private static long[] PredictedPixels(TinySegmenter model, Tensor images)
    {
        using var noGrad = no_grad();
        model.eval();
        return model.forward(images).argmax(1).flatten().data<long>().ToArray();
    }

    /// <summary>Outputs the same logits for every node of every graph; its one parameter only keeps the loss differentiable.</summary>
    private sealed class FixedNodeLogits : nn.Module<Tensor, Tensor>
    {
        private readonly Tensor logits;
        private readonly TorchSharp.Modules.Parameter weight = nn.Parameter(zeros(1));

        public FixedNodeLogits(float[] logits) : base(nameof(FixedNodeLogits))
        {
            this.logits = tensor(logits);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => logits.expand(x.shape[0], x.shape[1], -1) + weight * 0;
    }
}
