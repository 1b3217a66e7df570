using TorchSharp;
using static SciDsl.Tests.Training.TrainingAssertions;

namespace SciDsl.Tests.Training;

public sealed class SupervisedTrainerTests : IDisposable
{
    private static readonly TrainConfig IrisConfig = new(Loss.CrossEntropy, Optim.Adam, LearningRate: 0.01, Epochs: 60, BatchSize: 16, Seed: 1, ValidationSplit: 0.2);
    private static readonly TrainConfig RegressionConfig = new(Loss.MSE, Optim.SGD, LearningRate: 0.05, Momentum: 0.9, Epochs: 15, BatchSize: 20, Seed: 3, ValidationSplit: 0.25);
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Mlp_learns_iris_to_over_90_percent_validation_accuracy()
    {
        var result = SupervisedTrainer.Run(IrisConfig, () => new Mlp(4, 16, 3), new IrisData(), IrisData.Signature, Quiet(temp.File("iris.ckpt")));

        Assert.Equal(60, result.History.Count);
        Assert.True(result.Final.ValidationAccuracy > 0.9, $"validation accuracy {result.Final.ValidationAccuracy}");
        Assert.True(result.Final.TrainLoss < result.History[0].TrainLoss);
        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.True(File.Exists(result.CheckpointPath));
        Assert.True(File.Exists(result.BestCheckpointPath));
    }

    [Fact]
    public void Class_names_of_the_data_are_saved_beside_the_checkpoint_and_returned()
    {
        var named = new IrisData().Load() with { Classes = new ClassLabels(["setosa", "versicolor", "virginica"]) };
        var data = new FixedData(named.Features, named.Targets) { Classes = named.Classes };

        var result = SupervisedTrainer.Run(IrisConfig with { Epochs = 1 }, () => new Mlp(4, 16, 3), data, IrisData.Signature, Quiet(temp.File("named.ckpt")));

        Assert.Equal(named.Classes, result.Classes);
        Assert.Equal(["setosa", "versicolor", "virginica"], DataPreparation.Load(temp.File("named.ckpt.data.json")).Classes!.Names);
    }

    [Fact]
    public void Mse_regression_loss_decreases_and_has_no_accuracy()
    {
        var result = SupervisedTrainer.Run(RegressionConfig, () => new Mlp(3, 8, 1), new LinearData(), LinearData.Signature, Quiet(temp.File("reg.ckpt")));

        Assert.True(result.Final.TrainLoss < result.History[0].TrainLoss / 5, $"{result.History[0].TrainLoss} -> {result.Final.TrainLoss}");
        Assert.True(result.Final.ValidationLoss < 0.1, $"validation loss {result.Final.ValidationLoss}");
        Assert.All(result.History, m => Assert.Null(m.TrainAccuracy));
        Assert.All(result.History, m => Assert.Null(m.ValidationAccuracy));
    }

    [Fact]
    public void Same_seed_gives_identical_history_and_another_seed_a_different_one()
    {
        var config = IrisConfig with { Epochs = 4 };
        TrainingResult<Mlp> Train(TrainConfig c, string name) =>
            SupervisedTrainer.Run(c, () => new Mlp(4, 16, 3), new IrisData(), IrisData.Signature, Quiet(temp.File(name)));

        var first = Train(config, "a.ckpt");
        var again = Train(config, "b.ckpt");
        var otherSeed = Train(config with { Seed = 2 }, "c.ckpt");

        Assert.Equal(Values(first.History), Values(again.History));
        Assert.Equal(Weights(first.Model), Weights(again.Model));
        Assert.NotEqual(Values(first.History), Values(otherSeed.History));
    }

    [Fact]
    public void Resume_continues_the_epoch_count_and_matches_an_uninterrupted_run()
    {
        string path = temp.File("resume.ckpt");
        var config = IrisConfig with { Epochs = 6 };
        var uninterrupted = SupervisedTrainer.Run(config, () => new Mlp(4, 16, 3), new IrisData(), IrisData.Signature, Quiet(temp.File("whole.ckpt")));

        var firstPart = SupervisedTrainer.Run(config, () => new Mlp(4, 16, 3), new IrisData(), IrisData.Signature, Quiet(path, epochs: 3));
        Assert.True(File.Exists(path));
        var resumed = SupervisedTrainer.Run(config, () => new Mlp(4, 16, 3), new IrisData(), IrisData.Signature, Quiet(path, resume: true));

        Assert.Equal([1, 2, 3, 4, 5, 6], resumed.History.Select(m => m.Epoch));
        Assert.Equal(Values(firstPart.History), Values(resumed.History.Take(3)));
        // Weights, Adam state and per-epoch seeds are restored, so nothing differs from training in one go.
        Assert.Equal(Values(uninterrupted.History), Values(resumed.History));
        Assert.Equal(Weights(uninterrupted.Model), Weights(resumed.Model));
    }

    [Fact]
    public void Resume_with_nothing_left_to_do_returns_the_saved_weights_and_history()
    {
        string path = temp.File("done.ckpt");
        var trained = SupervisedTrainer.Run(IrisConfig with { Epochs = 2 }, () => new Mlp(4, 16, 3), new IrisData(), IrisData.Signature, Quiet(path));

        var resumed = SupervisedTrainer.Run(IrisConfig with { Epochs = 2, Seed = 99 }, () => new Mlp(4, 16, 3), new IrisData(), IrisData.Signature, Quiet(path, resume: true));

        Assert.Equal(Values(trained.History), Values(resumed.History));
        Assert.Equal(Weights(trained.Model), Weights(resumed.Model));
    }

    [Fact]
    public void Exploding_loss_throws_diverged_and_keeps_the_last_good_checkpoint()
    {
        string path = temp.File("diverge.ckpt");
        var good = SupervisedTrainer.Run(RegressionConfig with { Epochs = 1 }, () => new Mlp(3, 8, 1), new LinearData(), LinearData.Signature, Quiet(path));

        var error = Assert.Throws<TrainingDivergedException>(() => SupervisedTrainer.Run(
            RegressionConfig with { Epochs = 3, LearningRate = 1e10 }, () => new Mlp(3, 8, 1), new LinearData(), LinearData.Signature, Quiet(path, resume: true)));

        Assert.Equal(2, error.Epoch);
        Assert.False(double.IsFinite(error.Loss));
        Assert.Equal(Path.GetFullPath(path), error.LastGoodCheckpoint);
        Assert.Contains("epoch 2", error.Message);
        Assert.Contains("learning rate", error.Message);
        var reloaded = new Mlp(3, 8, 1);
        Checkpoint.LoadWeights(reloaded, path);
        Assert.Equal(Weights(good.Model), Weights(reloaded));
    }

    [Fact]
    public void Nan_in_the_data_throws_diverged_in_the_first_batch()
    {
        var data = new FixedData(torch.full([10, 3], float.NaN), torch.zeros(10));

        var error = Assert.Throws<TrainingDivergedException>(() => SupervisedTrainer.Run(
            RegressionConfig with { ValidationSplit = 0 }, () => new Mlp(3, 8, 1), data, LinearData.Signature, Quiet(temp.File("nan.ckpt"))));

        Assert.Equal((1, 1), (error.Epoch, error.Batch));
        Assert.Null(error.LastGoodCheckpoint);
        Assert.False(File.Exists(temp.File("nan.ckpt")));
    }

    [Fact]
    public void Early_stopping_ends_after_patience_epochs_without_improvement()
    {
        var log = new StringWriter();
        var options = new TrainOptions { CheckpointPath = temp.File("stop.ckpt"), EarlyStoppingPatience = 2, Progress = ProgressMode.Plain, Log = log };

        var result = SupervisedTrainer.Run(IrisConfig with { Epochs = 20 }, () => new ConstantModel(3), new IrisData(), IrisData.Signature, options);

        Assert.Equal(StopReason.EarlyStopping, result.StopReason);
        Assert.Equal(3, result.History.Count);
        Assert.Contains("early stopping", log.ToString());
    }

    [Fact]
    public void Gradient_clipping_bounds_the_step_to_max_norm_times_learning_rate()
    {
        // One batch, plain SGD with learning rate 1: the weights move by exactly the (clipped) gradient.
        var oneStep = new TrainConfig(Loss.MSE, Optim.SGD, LearningRate: 1, Epochs: 1, BatchSize: 200, ValidationSplit: 0);
        double StepLength(double? maxNorm, string name)
        {
            float[][] initial = [];
            var options = new TrainOptions { CheckpointPath = temp.File(name), GradientClipNorm = maxNorm, Progress = ProgressMode.None };
            var result = SupervisedTrainer.Run(oneStep, () =>
            {
                var model = new Mlp(3, 8, 1);
                initial = Weights(model);
                return model;
            }, new LinearData(), LinearData.Signature, options);
            return Math.Sqrt(Weights(result.Model).Zip(initial).Sum(p => p.First.Zip(p.Second).Sum(w => Math.Pow(w.First - w.Second, 2))));
        }

        double unclipped = StepLength(null, "free.ckpt");
        double clipped = StepLength(0.05, "clip.ckpt");

        Assert.True(unclipped > 0.5, $"the unclipped step {unclipped} should be far above the bound for this test to mean anything");
        Assert.Equal(0.05, clipped, 1e-4);
    }

    [Fact]
    public void Cancellation_stops_training()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var options = new TrainOptions { CheckpointPath = temp.File("cancel.ckpt"), Progress = ProgressMode.None, Cancellation = cancelled.Token };

        Assert.ThrowsAny<OperationCanceledException>(() =>
            SupervisedTrainer.Run(IrisConfig, () => new Mlp(4, 16, 3), new IrisData(), IrisData.Signature, options));
    }
}
