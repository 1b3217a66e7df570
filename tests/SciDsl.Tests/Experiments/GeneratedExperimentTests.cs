using SciDsl.Samples.Digits;
using TorchSharp;

namespace SciDsl.Tests.Experiments;

/// <summary>Experiments declared with attributes: the generated Config and Run train for real.</summary>
public sealed class GeneratedExperimentTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("scidsl-experiment-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private TrainOptions Options(string name) => new() { CheckpointPath = Path.Combine(directory, name + ".ckpt"), Progress = ProgressMode.None };

    [Fact]
    public void Config_is_what_the_attributes_declare()
    {
        Assert.Equal(new TrainConfig(Loss.CrossEntropy, Optim.Adam, LearningRate: 0.02, Epochs: 40, BatchSize: 16, Seed: 7, ValidationSplit: 0.2),
            IrisExperiment.Config);
        Assert.Equal(new TrainConfig(Loss.MSE, Optim.SGD, LearningRate: 0.1, Momentum: 0.9, Epochs: 30, BatchSize: 32, Seed: 1, ValidationSplit: 0.25),
            RegressionExperiment.Config);
        Assert.Equal(TargetKind.Class, IrisSamples.Signature.Target);
        Assert.Equal(3, IrisSamples.Signature.TargetSize);
        Assert.Equal(["4"], IrisSamples.Signature.Sample.Dims);
    }

    [Fact]
    public void A_sized_model_trains_with_the_declared_sizes_schedule_and_early_stopping_metric()
    {
        Assert.Equal(new TrainConfig(Loss.CrossEntropy, Optim.Adam, LearningRate: 0.02, Epochs: 4, BatchSize: 16, Seed: 7, ValidationSplit: 0.2,
            LabelSmoothing: 0.05, GradientClipNorm: 5, EarlyStopping: "val_accuracy", Patience: 3, Schedule: LrSchedule.Cosine, WarmupEpochs: 1),
            IrisSizedExperiment.Config);

        var result = new IrisSizedExperiment().Run(Options("sized"));

        Assert.Equal([12L, 4], result.Model.parameters().First().shape);
        var accuracies = result.History.Select(m => m.Metrics!["val_accuracy"]).ToList();
        Assert.Equal(accuracies.IndexOf(accuracies.Max()) + 1, result.BestEpoch);
        Assert.Equal(accuracies.Max(), result.Validation!.Metrics["accuracy"], 12);
    }

    [Fact]
    public void Classification_experiment_learns_iris()
    {
        var result = new IrisExperiment().Run(Options("iris"));
        Assert.Equal(40, result.History.Count);
        Assert.True(result.Final.ValidationAccuracy > 0.9, $"validation accuracy {result.Final.ValidationAccuracy}");
        Assert.True(result.Final.TrainLoss < result.History[0].TrainLoss / 3, "training loss should fall");
        Assert.True(File.Exists(result.CheckpointPath));
    }

    [Fact]
    public void Experiments_sharing_a_model_keep_their_own_default_checkpoints()
    {
        string previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(directory);
        try
        {
            string checkpoints = Path.Combine(Directory.GetCurrentDirectory(), "checkpoints");
            var adam = new IrisExperiment().Run(new TrainOptions { Epochs = 1, Progress = ProgressMode.None });
            var sgd = new IrisSgdExperiment().Run(new TrainOptions { Progress = ProgressMode.None });

            Assert.Equal(Path.Combine(checkpoints, "SciDsl.Tests.Experiments.IrisExperiment.ckpt"), adam.CheckpointPath);
            Assert.Equal(Path.Combine(checkpoints, "SciDsl.Tests.Experiments.IrisSgdExperiment.ckpt"), sgd.CheckpointPath);
            var reloaded = new IrisMlp();
            Checkpoint.LoadWeights(reloaded, adam.CheckpointPath);
            Assert.Equal(Training.TrainingAssertions.Weights(adam.Model), Training.TrainingAssertions.Weights(reloaded));
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Fact]
    public void Seeded_runs_are_reproducible()
    {
        var first = new IrisExperiment().Run(Options("first"));
        var second = new IrisExperiment().Run(Options("second"));
        Assert.Equal(first.History.Select(e => e.TrainLoss), second.History.Select(e => e.TrainLoss));
        Assert.Equal(first.History.Select(e => e.ValidationLoss), second.History.Select(e => e.ValidationLoss));
    }

    /// <summary>A dataset of int64 token ids feeds a model with an <c>Embedding</c>, as its declaration says.</summary>
    [Fact]
    public void Token_id_experiment_trains_on_its_int64_samples()
    {
        var result = new TokenOccurrenceExperiment().Run(Options("tokens"));
        Assert.True(result.Final.ValidationAccuracy > 0.9, $"validation accuracy {result.Final.ValidationAccuracy}");
        Assert.True(result.Final.TrainLoss < result.History[0].TrainLoss / 2, "training loss should fall");
    }

    [Fact]
    public void Token_id_samples_of_another_element_type_are_rejected_naming_both()
    {
        var floats = new LabelledData(torch.zeros(4, 8), torch.zeros(4, dtype: torch.int64));

        var error = Assert.Throws<DataShapeException>(() => TokenOccurrenceSamples.Signature.Check(floats, nameof(TokenOccurrenceSamples)));

        Assert.Equal("features int64 [N, 8]", error.Expected);
        Assert.Equal("features float32 [4, 8]", error.Actual);
    }

    [Fact]
    public void Regression_experiment_recovers_a_planted_linear_law()
    {
        var result = new RegressionExperiment().Run(Options("regression"));
        Assert.Null(result.Final.ValidationAccuracy);
        // Targets have variance ≈ 1.75; the noise alone gives MSE ≈ 3e-5.
        Assert.True(result.Final.ValidationLoss < 1e-3, $"validation MSE {result.Final.ValidationLoss}");
        using var weight = result.Model.parameters().First().detach();
        Assert.Equal(new[] { 2f, -1f, 0.5f }, weight.data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 0.05f);
    }

    [Fact]
    public void The_Digits_sample_reaches_95_percent_and_its_onnx_export_agrees()
    {
        var result = new DigitsExperiment().Run(Options("digits"));
        Assert.True(result.Final.ValidationAccuracy >= 0.95, $"validation accuracy {result.Final.ValidationAccuracy}");

        var model = result.Model;
        model.eval();
        string onnxPath = Path.Combine(directory, "digits.onnx");
        model.ExportOnnx(onnxPath);
        var validation = new DigitImages().Load().ValidationPart(DigitsExperiment.Config);
        torch.Tensor expected;
        using (torch.no_grad()) expected = model.forward(validation.Features);
        using var _ = expected;
        Onnx.OnnxRuntimeParity.AssertMatches(onnxPath, new Dictionary<string, torch.Tensor> { ["x"] = validation.Features }, expected);
    }
}
