using SciDsl.Samples.Tabular;
using SciDsl.Tests.Onnx;

namespace SciDsl.Tests.Samples;

/// <summary>The Tabular sample's diabetes regression: both models clear their bars, and the saved MLP takes raw records.</summary>
public sealed class TabularSampleTests
{
    [Fact]
    public void The_diabetes_records_are_442_patients_of_ten_raw_variables()
    {
        var records = new DiabetesRecords().Load();

        Assert.Equal(new long[] { 442, 10 }, records.Features.shape);
        Assert.Equal(new long[] { 442, 1 }, records.Targets.shape);
        // Raw variables: age in years (19–79), not the centred and scaled copy scikit-learn also ships.
        Assert.Equal(19f, records.Features[.., 0].min().item<float>());
        Assert.Equal(79f, records.Features[.., 0].max().item<float>());
        Assert.Equal(0.25f, records.Targets.min().item<float>(), 5);
    }

    [Fact]
    public void Mlp_and_linear_baseline_clear_their_test_bars_and_the_reloaded_mlp_predicts_raw_records_alike()
    {
        using var directory = new TempDirectory();
        TrainOptions Options(string name) => new() { CheckpointPath = directory.File(name + ".ckpt"), Progress = ProgressMode.None };

        var mlp = new DiabetesMlpExperiment().Run(Options("mlp"));
        var linear = new DiabetesLinearExperiment().Run(Options("linear"));

        Assert.True(mlp.Test!.Metrics["r2"] >= TabularBars.MlpR2, $"MLP test R² {mlp.Test.Metrics["r2"]}");
        Assert.True(linear.Test!.Metrics["r2"] >= TabularBars.LinearR2, $"linear test R² {linear.Test.Metrics["r2"]}");
        var rawTest = new DiabetesRecords().Load().TestPart(DiabetesMlpExperiment.Config, nameof(DiabetesRecords));
        var reloaded = Predictor.Load(() => new DiabetesMlp(), mlp.CheckpointPath).Predict(rawTest.Features);
        var inProcess = Predictor.From(mlp).Predict(rawTest.Features);
        Assert.Equal(inProcess.Outputs.data<float>().ToArray(), reloaded.Outputs.data<float>().ToArray());
        Assert.Equal(mlp.Test.Metrics["r2"], TabularBars.RSquared(reloaded.Outputs, rawTest.Targets), 4);
    }
}
