using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static SciDsl.Tests.Training.TrainingAssertions;

namespace SciDsl.Tests.Training;

/// <summary>Early stopping on a validation metric that the validation split leaves undefined (R² of constant targets, AUC of one class).</summary>
public sealed class UndefinedMetricTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_metric_undefined_from_the_first_epoch_is_an_error_naming_it_and_why()
    {
        var x = torch.rand(40, 3, generator: new torch.Generator(3));
        var constantTargets = torch.ones(40);
        var config = new TrainConfig(Loss.MSE, Optim.Adam, Epochs: 3, BatchSize: 8, Seed: 2, EarlyStopping: "val_r2");

        var error = Assert.Throws<InvalidOperationException>(() => SupervisedTrainer.Run(
            config, () => new Mlp(3, 4, 1), new FixedData(x, constantTargets), LinearData.Signature, Quiet(temp.File("r2.ckpt"))));

        Assert.Equal("val_r2 is undefined: the validation targets are constant, and R² divides by their variance; use a larger ValidationSplit or monitor val_loss.", error.Message);
    }

    [Fact]
    public void An_epoch_whose_metric_is_undefined_counts_as_no_improvement_and_says_so()
    {
        var config = new TrainConfig(Loss.CrossEntropy, Optim.Adam, LearningRate: 0.05, Epochs: 4, BatchSize: 16, Seed: 3, EarlyStopping: "val_roc_auc", Patience: 3);
        string path = temp.File("auc.ckpt");
        torch.manual_seed(3);
        var model = new Mlp(4, 8, 3);
        using var split = DataSplit.Create(new IrisData().Load(), config.ValidationSplit, config.Seed, "Iris");
        using var optimizer = torch.optim.Adam(model.parameters(), config.LearningRate);
        var paradigm = new SupervisedParadigm(config, model, "Mlp", "Iris", IrisData.Signature, split, optimizer);
        using var store = CheckpointStore.Open(path);
        var loop = new EpochLoop<long[]>(new WithoutAucIn(paradigm, epochs: [2, 3, 4]), config, Quiet(path), "Mlp", store);
        var progress = new NoteRecorder();

        var (history, reason) = loop.Run(progress);

        Assert.Equal(StopReason.EarlyStopping, reason);
        Assert.Equal(4, history.Count);
        Assert.Equal(1, loop.BestEpoch);
        Assert.Equal(
            [
                "val_roc_auc is undefined in epoch 2: the validation split holds one class, and ROC AUC needs two; counted as no improvement",
                "val_roc_auc is undefined in epoch 3: the validation split holds one class, and ROC AUC needs two; counted as no improvement",
                "val_roc_auc is undefined in epoch 4: the validation split holds one class, and ROC AUC needs two; counted as no improvement",
                "early stopping: no improvement of val_roc_auc for 3 epochs",
            ],
            progress.Notes);
    }

    /// <summary>A supervised paradigm whose validation leaves out ROC AUC in the given epochs, as one whose split held one class would.</summary>
    private sealed class WithoutAucIn(SupervisedParadigm inner, int[] epochs) : ITrainingParadigm<long[]>
    {
        private int epoch;

        public IReadOnlyList<torch.nn.Module> Modules => inner.Modules;
        public IReadOnlyList<OptimizerHelper> Optimizers => inner.Optimizers;
        public int TrainBatchCount => inner.TrainBatchCount;

        public void StartEpoch(int epoch)
        {
            this.epoch = epoch;
            inner.StartEpoch(epoch);
        }

        public IEnumerable<long[]> TrainBatches(int epoch) => inner.TrainBatches(epoch);
        public BatchResult TrainStep(long[] batch, TrainingStep step) => inner.TrainStep(batch, step);

        public Evaluation? Validate()
        {
            var validation = inner.Validate();
            return validation is not null && epochs.Contains(epoch)
                ? validation with { Metrics = validation.Metrics.Where(m => m.Key != "roc_auc").ToDictionary() }
                : validation;
        }

        public JsonElement? SaveState() => inner.SaveState();
        public void RestoreState(JsonElement? state) => inner.RestoreState(state);
    }

    private sealed class NoteRecorder : ITrainingProgress
    {
        public List<string> Notes { get; } = [];
        public void EpochStarted(int epoch, int totalEpochs, int batches) { }
        public void BatchCompleted(double runningLoss, double? runningAccuracy) { }
        public void EpochCompleted(EpochMetrics metrics, int totalEpochs) { }
        public void Note(string text) => Notes.Add(text);
    }
}
