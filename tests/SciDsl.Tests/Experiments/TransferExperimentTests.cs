namespace SciDsl.Tests.Experiments;

/// <summary>Fine-tunes what IrisExperiment trained: its first layer frozen, its head re-initialised.</summary>
[Experiment(typeof(IrisMlp), typeof(IrisSamples))]
[Supervised(Loss.CrossEntropy)]
[Optimizer(Optim.Adam, LearningRate = 0.02)]
[Train(Epochs = 5, BatchSize = 16, Seed = 11, ValidationSplit = 0.2)]
[TransferLearning(From = typeof(IrisExperiment), Freeze = new[] { "linear_1" }, ReplaceHead = "linear_2")]
public partial class IrisTransferExperiment;

/// <summary>A declared transfer-learning experiment, compiled by the generator and run.</summary>
public sealed class TransferExperimentTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("scidsl-transfer-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Run_starts_from_the_source_experiments_weights_keeps_the_frozen_layer_and_learns_a_new_head()
    {
        Assert.Equal(["linear_1"], IrisTransferExperiment.Transfer.Freeze);
        Assert.Equal(["linear_2"], IrisTransferExperiment.Transfer.ReplaceHead);
        string previous = Directory.GetCurrentDirectory();
        // Both experiments use their default checkpoints, which FromExperiment reads: keep them in the temp directory.
        Directory.SetCurrentDirectory(directory);
        try
        {
            var source = new IrisExperiment().Run(new TrainOptions { Progress = ProgressMode.None });
            var fineTuned = new IrisTransferExperiment().Run(new TrainOptions { Progress = ProgressMode.None });

            var sourceWeights = source.Model.state_dict();
            var tunedWeights = fineTuned.Model.state_dict();
            Assert.Equal(sourceWeights["linear_1.weight"].data<float>().ToArray(), tunedWeights["linear_1.weight"].data<float>().ToArray());
            Assert.Equal(sourceWeights["linear_1.bias"].data<float>().ToArray(), tunedWeights["linear_1.bias"].data<float>().ToArray());
            Assert.NotEqual(sourceWeights["linear_2.weight"].data<float>().ToArray(), tunedWeights["linear_2.weight"].data<float>().ToArray());
            Assert.True(fineTuned.Final.ValidationAccuracy > 0.9, $"validation accuracy {fineTuned.Final.ValidationAccuracy}");
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Fact]
    public void Run_before_the_source_experiment_has_trained_names_the_experiment_to_run()
    {
        string previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(directory);
        try
        {
            var error = Assert.Throws<CheckpointException>(() => new IrisTransferExperiment().Run(new TrainOptions { Progress = ProgressMode.None }));

            Assert.Contains("experiment SciDsl.Tests.Experiments.IrisExperiment has not been trained in this directory. Run it first", error.Message);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }
}
