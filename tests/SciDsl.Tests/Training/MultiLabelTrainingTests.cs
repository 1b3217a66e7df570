using TorchSharp;
using static SciDsl.Tests.Training.TrainingAssertions;

namespace SciDsl.Tests.Training;

/// <summary>Multi-label classification (<see cref="Loss.BCEWithLogits"/>): its validation metrics, and early stopping on one.</summary>
public sealed class MultiLabelTrainingTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Multi_label_training_reports_label_accuracy_macro_F1_and_ROC_AUC_and_stops_early_on_one()
    {
        var config = new TrainConfig(Loss.BCEWithLogits, Optim.Adam, LearningRate: 0.02, Epochs: 15, BatchSize: 32, Seed: 1,
            EarlyStopping: "val_macro_f1", Patience: 5);

        var result = SupervisedTrainer.Run(config, () => new Mlp(6, 16, 3), new ThreeLabels(), ThreeLabels.Signature, Quiet(temp.File("tags.ckpt")));

        Assert.Equal(["val_loss", "val_accuracy", "val_macro_f1", "val_roc_auc"], result.Final.Metrics!.Keys);
        var best = result.History[result.BestEpoch!.Value - 1].Metrics!;
        Assert.Equal(best["val_macro_f1"], result.History.Max(epoch => epoch.Metrics!["val_macro_f1"]));
        Assert.Equal(best["val_macro_f1"], result.Validation!.Metrics["macro_f1"], 6);
        // Three labels that are simple functions of the features: a trained perceptron gets most of them right.
        Assert.True(result.Validation.Metrics["accuracy"] > 0.85, $"label accuracy {result.Validation.Metrics["accuracy"]}");
        Assert.True(result.Validation.Metrics["roc_auc"] > 0.9, $"ROC AUC {result.Validation.Metrics["roc_auc"]}");
    }

    [Fact]
    public void A_metric_multi_label_training_does_not_compute_is_refused_listing_those_it_does()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrainConfig(Loss.BCEWithLogits, Optim.Adam, EarlyStopping: "val_r2").Validate());
        Assert.Contains("val_macro_f1", error.Message);
    }

    /// <summary>300 samples of 6 normal features; labels: x0 > 0, x1 + x2 > 0, x3 &lt; -0.5.</summary>
    private sealed class ThreeLabels : IDataSource
    {
        public static DatasetSignature Signature { get; } = new(new TensorSignature("x", TensorElementType.Float32, ["6"]), TargetKind.Value, 3);

        public LabelledData Load()
        {
            var x = torch.randn([300, 6], generator: new torch.Generator(5));
            var labels = torch.stack([x[.., 0] > 0, x[.., 1] + x[.., 2] > 0, x[.., 3] < -0.5], 1).to(torch.float32);
            return new LabelledData(x, labels);
        }
    }
}
