using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static SciDsl.Tests.Training.TrainingAssertions;

namespace SciDsl.Tests.Training;

/// <summary>Schedules, gradient clipping, early stopping on a named metric with the best weights returned, reproducibility.</summary>
public sealed class TrainingRuntimeTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    // 150 Iris samples in batches of 50: 3 steps per epoch, 9 in 3 epochs; base learning rate 0.1.
    public static TheoryData<LrSchedule, int, double[]> Schedules => new()
    {
        // Warm-up over epoch 1: (s + 1) / 3; then cosine over the 6 remaining steps: ½(1 + cos(π·k/6)), k = 0..5.
        { LrSchedule.Cosine, 1, [0.1 / 3, 0.2 / 3, 0.1, 0.1, 0.05 * (1 + Math.Sqrt(3) / 2), 0.075, 0.05, 0.025, 0.05 * (1 - Math.Sqrt(3) / 2)] },
        // Gamma 0.5 every epoch.
        { LrSchedule.Step, 0, [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025] },
        // Warm-up over round(0.3 · 9) = 3 steps from 0.1/25: 0.004 + 0.096·s/3; then the same cosine.
        { LrSchedule.OneCycle, 0, [0.004, 0.036, 0.068, 0.1, 0.05 * (1 + Math.Sqrt(3) / 2), 0.075, 0.05, 0.025, 0.05 * (1 - Math.Sqrt(3) / 2)] },
        // Constant after a one-epoch warm-up.
        { LrSchedule.Constant, 1, [0.1 / 3, 0.2 / 3, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1] },
    };

    [Theory]
    [MemberData(nameof(Schedules))]
    public void The_optimizer_learning_rate_follows_the_schedule_step_by_step(LrSchedule schedule, int warmupEpochs, double[] expected)
    {
        var config = new TrainConfig(Loss.CrossEntropy, Optim.SGD, LearningRate: 0.1, Epochs: 3, BatchSize: 50, Seed: 3, ValidationSplit: 0,
            Schedule: schedule, WarmupEpochs: warmupEpochs, StepEpochs: 1, Gamma: 0.5);
        var rates = new List<double>();
        string path = temp.File("schedule.ckpt");
        torch.manual_seed(3);
        var model = new Mlp(4, 8, 3);
        using var split = DataSplit.Create(new IrisData().Load(), 0, 3, "Iris");
        using var optimizer = torch.optim.SGD(model.parameters(), 0.1);
        var paradigm = new SupervisedParadigm(config, model, "Mlp", "Iris", IrisData.Signature, split, optimizer);
        using var store = CheckpointStore.Open(path);
        var loop = new EpochLoop<long[]>(new Recording(paradigm, () => rates.Add(optimizer.ParamGroups.Single().LearningRate)), config, Quiet(path), "Mlp", store);

        ProgressDisplay.Run(Quiet(path), loop.Run);

        Assert.Equal(expected.Length, rates.Count);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], rates[i], 12);
    }

    [Fact]
    public void Gradient_clipping_bounds_the_gradient_norm_of_a_step_that_would_exceed_it()
    {
        var (unclipped, clipped) = (new Mlp(4, 8, 3), new Mlp(4, 8, 3));
        clipped.load_state_dict(unclipped.state_dict());
        var input = torch.full(5, 4, 10f);
        var targets = torch.tensor(new long[] { 0, 1, 2, 0, 1 });

        double NormAfterStep(Mlp model, double? clip)
        {
            using var optimizer = torch.optim.SGD(model.parameters(), 0.01);
            new TrainingStep(1, 1, clip, null).Minimise(optimizer, torch.nn.functional.cross_entropy(model.forward(input), targets) * 1000, model.parameters());
            return Math.Sqrt(model.parameters().Sum(p => p.grad!.pow(2).sum().item<float>()));
        }

        Assert.True(NormAfterStep(unclipped, null) > 10, "the batch's gradient norm exceeds the limit without clipping");
        Assert.True(NormAfterStep(clipped, 1.0) <= 1.0 + 1e-5);
    }

    [Fact]
    public void Train_GradientClipNorm_reaches_the_optimizer_step()
    {
        var config = new TrainConfig(Loss.CrossEntropy, Optim.SGD, LearningRate: 1, Epochs: 1, BatchSize: 50, Seed: 2);
        torch.manual_seed(2);
        var initial = Weights(new Mlp(4, 8, 3));

        var free = SupervisedTrainer.Run(config, () => new Mlp(4, 8, 3), new IrisData(), IrisData.Signature, Quiet(temp.File("free.ckpt")));
        var clipped = SupervisedTrainer.Run(config with { GradientClipNorm = 1e-6 }, () => new Mlp(4, 8, 3), new IrisData(), IrisData.Signature, Quiet(temp.File("clipped.ckpt")));

        // Three SGD steps (120 samples in batches of 50) of learning rate 1 move each weight by at most 3 · 1e-6 when the gradient norm is clipped to 1e-6.
        Assert.All(initial.Zip(Weights(clipped.Model)).SelectMany(p => p.First.Zip(p.Second)), w => Assert.True(Math.Abs(w.First - w.Second) <= 3.1e-6));
        Assert.Contains(initial.Zip(Weights(free.Model)).SelectMany(p => p.First.Zip(p.Second)), w => Math.Abs(w.First - w.Second) > 1e-3);
    }

    [Fact]
    public void Early_stopping_watches_the_named_metric_and_says_which_epoch_the_weights_come_from()
    {
        var config = new TrainConfig(Loss.CrossEntropy, Optim.Adam, Epochs: 10, BatchSize: 32, Seed: 1, EarlyStopping: "val_accuracy", Patience: 2);

        // Constant outputs: validation accuracy never improves after epoch 1.
        var result = SupervisedTrainer.Run(config, () => new ConstantModel(3), new IrisData(), IrisData.Signature, Quiet(temp.File("flat.ckpt")));

        Assert.Equal(StopReason.EarlyStopping, result.StopReason);
        Assert.Equal(3, result.History.Count);
        Assert.Equal(1, result.BestEpoch);
    }

    [Fact]
    public void Run_returns_the_best_epochs_weights_not_the_last()
    {
        // SGD at a learning rate this high overshoots: the validation loss is lowest before the last epoch.
        var config = new TrainConfig(Loss.CrossEntropy, Optim.SGD, LearningRate: 2, Momentum: 0.9, Epochs: 6, BatchSize: 16, Seed: 4);

        var result = SupervisedTrainer.Run(config, () => new Mlp(4, 8, 3), new IrisData(), IrisData.Signature, Quiet(temp.File("best.ckpt")));

        var losses = result.History.Select(m => m.ValidationLoss!.Value).ToList();
        int best = losses.IndexOf(losses.Min()) + 1;
        Assert.True(best < result.History.Count, $"the setting must make an earlier epoch best (validation losses {string.Join(", ", losses)})");
        Assert.Equal(best, result.BestEpoch);
        Assert.Equal(losses[best - 1], result.Validation!.Loss, 5);
        var last = new Mlp(4, 8, 3);
        Checkpoint.LoadWeights(last, result.CheckpointPath);
        Assert.NotEqual(Weights(last), Weights(result.Model));
    }

    [Fact]
    public void Validation_metrics_are_in_the_history_and_the_result()
    {
        var config = new TrainConfig(Loss.CrossEntropy, Optim.Adam, LearningRate: 0.01, Epochs: 2, BatchSize: 16, Seed: 1);

        var result = SupervisedTrainer.Run(config, () => new Mlp(4, 8, 3), new IrisData(), IrisData.Signature, Quiet(temp.File("metrics.ckpt")));

        Assert.Equal(["val_loss", "val_accuracy", "val_balanced_accuracy", "val_macro_f1", "val_iou", "val_dice", "val_roc_auc"], result.Final.Metrics!.Keys);
        Assert.Equal(result.Final.ValidationAccuracy, result.Final.Metrics["val_accuracy"]);
        Assert.Equal(30, result.Validation!.ConfusionMatrix!.Total); // 20 % of 150
    }

    [Fact]
    public void Two_runs_with_one_seed_give_identical_history_and_weights()
    {
        var config = new TrainConfig(Loss.CrossEntropy, Optim.Adam, LearningRate: 0.01, Epochs: 3, BatchSize: 16, Seed: 9, Schedule: LrSchedule.Cosine, WarmupEpochs: 1);

        var first = SupervisedTrainer.Run(config, () => new Mlp(4, 8, 3), new IrisData(), IrisData.Signature, Quiet(temp.File("a.ckpt")));
        var second = SupervisedTrainer.Run(config, () => new Mlp(4, 8, 3), new IrisData(), IrisData.Signature, Quiet(temp.File("b.ckpt")));

        Assert.Equal(Values(first.History), Values(second.History));
        Assert.Equal(first.History.Select(m => m.Metrics), second.History.Select(m => m.Metrics));
        Assert.Equal(Weights(first.Model), Weights(second.Model));
    }

    /// <summary>Passes everything to a supervised paradigm and calls back before each step.</summary>
    private sealed class Recording(SupervisedParadigm inner, Action beforeStep) : ITrainingParadigm<long[]>
    {
        public IReadOnlyList<torch.nn.Module> Modules => inner.Modules;
        public IReadOnlyList<OptimizerHelper> Optimizers => inner.Optimizers;
        public int TrainBatchCount => inner.TrainBatchCount;
        public void StartEpoch(int epoch) => inner.StartEpoch(epoch);
        public IEnumerable<long[]> TrainBatches(int epoch) => inner.TrainBatches(epoch);

        public BatchResult TrainStep(long[] batch, TrainingStep step)
        {
            beforeStep();
            return inner.TrainStep(batch, step);
        }

        public Evaluation? Validate() => inner.Validate();
        public JsonElement? SaveState() => inner.SaveState();
        public void RestoreState(JsonElement? state) => inner.RestoreState(state);
    }
}
