using TorchSharp;
using static SciDsl.Tests.Training.TrainingAssertions;

namespace SciDsl.Tests.Training;

public sealed class PredictorTests : IDisposable
{
    private static readonly TrainConfig Normalized = new(Loss.MSE, Optim.Adam, LearningRate: 0.01, Epochs: 3, BatchSize: 8, Seed: 5,
        ValidationSplit: 0.25, TestSplit: 0.25, Normalize: true);
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>Sample i has features (i, 100 + i²); the held-out samples get 10⁶, which would shift any statistic they entered.</summary>
    private static (float[] Features, HashSet<long> HeldOut) Table(int count, TrainConfig config)
    {
        long[] order = DataSplit.Permutation(count, new Random(config.Seed));
        int heldOut = (int)Math.Round(count * config.ValidationSplit) + (int)Math.Round(count * config.TestSplit);
        var held = order[..heldOut].ToHashSet();
        var features = new float[count * 2];
        for (int i = 0; i < count; i++)
        {
            features[2 * i] = held.Contains(i) ? 1e6f : i;
            features[2 * i + 1] = held.Contains(i) ? 1e6f : 100 + i * i;
        }
        return (features, held);
    }

    [Fact]
    public void Normalisation_is_fitted_on_the_training_split_only_and_saved_beside_the_checkpoint()
    {
        const int count = 40;
        var (features, heldOut) = Table(count, Normalized);
        var data = new FixedData(torch.tensor(features, [count, 2]), torch.zeros(count, 1));
        var signature = new DatasetSignature(new TensorSignature("x", TensorElementType.Float32, ["2"]), TargetKind.Value, 1);

        var result = SupervisedTrainer.Run(Normalized, () => new Mlp(2, 4, 1), data, signature, Quiet(temp.File("norm.ckpt")));

        var train = Enumerable.Range(0, count).Where(i => !heldOut.Contains(i)).ToArray();
        double[] column0 = train.Select(i => (double)i).ToArray(), column1 = train.Select(i => 100.0 + i * i).ToArray();
        double[] mean = [column0.Average(), column1.Average()];
        double[] std = [PopulationStd(column0), PopulationStd(column1)];
        var statistics = Assert.Single(result.Normalization!.Inputs);
        Assert.Equal([2L], statistics.Shape);
        Assert.Equal(mean, statistics.Mean, new ToleranceComparer(1e-9));
        Assert.Equal(std, statistics.Std, new ToleranceComparer(1e-9));
        var saved = Assert.Single(DataPreparation.Load(temp.File("norm.ckpt.data.json")).Normalization!.Inputs);
        Assert.Equal(statistics.Mean, saved.Mean);
        Assert.Equal(statistics.Std, saved.Std);
    }

    private static double PopulationStd(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }

    [Fact]
    public void Raw_inputs_predicted_after_reload_equal_the_in_process_predictions_of_the_standardised_model()
    {
        var config = Normalized with { Epochs = 4 };
        var result = SupervisedTrainer.Run(config, () => new Mlp(3, 8, 1), new ShiftedLinearData(), ShiftedLinearData.Signature, Quiet(temp.File("reg.ckpt")));
        using var raw = torch.tensor(new float[] { 50, -20, 300, 52, -21, 310, 48, -19, 290 }, [3, 3]);

        var inProcess = Predictor.From(result).Predict(raw);
        var reloaded = Predictor.Load(() => new Mlp(3, 8, 1), result.CheckpointPath).Predict(raw);

        var statistics = result.Normalization!.Inputs[0];
        using var mean = torch.tensor(statistics.Mean.Select(m => (float)m).ToArray());
        using var std = torch.tensor(statistics.Std.Select(s => (float)s).ToArray());
        using var byHand = result.Model.forward((raw - mean) / std);
        Assert.Equal(byHand.data<float>().ToArray(), inProcess.Outputs.data<float>().ToArray());
        Assert.Equal(inProcess.Outputs.data<float>().ToArray(), reloaded.Outputs.data<float>().ToArray());
        Assert.Null(reloaded.Classes);
    }

    [Fact]
    public void A_reloaded_classifier_names_the_classes_of_raw_samples()
    {
        var named = new IrisData().Load() with { Classes = new ClassLabels(["setosa", "versicolor", "virginica"]) };
        var data = new FixedData(named.Features, named.Targets) { Classes = named.Classes };
        var config = new TrainConfig(Loss.CrossEntropy, Optim.Adam, LearningRate: 0.02, Epochs: 30, BatchSize: 16, Seed: 1, Normalize: true);
        var result = SupervisedTrainer.Run(config, () => new Mlp(4, 16, 3), data, IrisData.Signature, Quiet(temp.File("iris.ckpt")));

        var prediction = Predictor.Load(() => new Mlp(4, 16, 3), result.CheckpointPath).Predict(named.Features);

        var truth = named.Targets.data<long>().Select(named.Classes.NameOf).ToArray();
        double accuracy = prediction.Classes!.Zip(truth).Count(pair => pair.First == pair.Second) / (double)truth.Length;
        Assert.True(accuracy > 0.9, $"accuracy of named predictions {accuracy}");
        Assert.Equal(Predictor.From(result).Predict(named.Features).Classes, prediction.Classes);
    }

    [Fact]
    public void A_missing_or_corrupt_sidecar_is_a_clear_error()
    {
        var result = SupervisedTrainer.Run(Normalized with { Epochs = 1 }, () => new Mlp(3, 8, 1), new ShiftedLinearData(), ShiftedLinearData.Signature,
            Quiet(temp.File("m.ckpt")));
        string sidecar = DataPreparation.PathBeside(result.CheckpointPath);

        File.WriteAllText(sidecar, "{\"Version\": 1, \"Normalization\": [{\"Input\": \"x\"");
        var corrupt = Assert.Throws<DataFormatException>(() => Predictor.Load(() => new Mlp(3, 8, 1), result.CheckpointPath));
        File.Delete(sidecar);
        var missing = Assert.Throws<FileNotFoundException>(() => Predictor.Load(() => new Mlp(3, 8, 1), result.CheckpointPath));

        Assert.Contains("m.ckpt.data.json", corrupt.Message);
        Assert.Contains("m.ckpt.data.json' is missing", missing.Message);
        Assert.Contains("normalisation and class names", missing.Message);
    }

    /// <summary>y = x₀/10 − x₁/5 + x₂/100 on features far from zero, with very different scales.</summary>
    private sealed class ShiftedLinearData : IDataSource
    {
        public static DatasetSignature Signature { get; } = new(new TensorSignature("x", TensorElementType.Float32, ["3"]), TargetKind.Value, 1);

        public LabelledData Load()
        {
            const int count = 64;
            var random = new Random(11);
            var x = new float[count * 3];
            var y = new float[count];
            for (int i = 0; i < count; i++)
            {
                x[3 * i] = 50 + (float)random.NextDouble() * 4;
                x[3 * i + 1] = -20 + (float)random.NextDouble() * 2;
                x[3 * i + 2] = 300 + (float)random.NextDouble() * 20;
                y[i] = x[3 * i] / 10 - x[3 * i + 1] / 5 + x[3 * i + 2] / 100;
            }
            return new LabelledData(torch.tensor(x, [count, 3]), torch.tensor(y, [count, 1]));
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Abs(x));

        public int GetHashCode(double value) => 0;
    }
}
