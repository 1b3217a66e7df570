using SciDsl.Tests.Training;
using TorchSharp;

namespace SciDsl.Tests.Data;

public sealed class NormalizationTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>40 samples of 2 features, two classes; feature 0 is the index, feature 1 a constant 5.</summary>
    private static SampleSet Table(Func<int, float>? feature0 = null)
    {
        float[] values = Enumerable.Range(0, 40).SelectMany(i => new[] { feature0?.Invoke(i) ?? i, 5f }).ToArray();
        long[] classes = Enumerable.Range(0, 40).Select(i => (long)(i % 2)).ToArray();
        return TensorData.From(torch.tensor(values, [40, 2]), torch.tensor(classes));
    }

    [Fact]
    public void Per_feature_statistics_are_those_of_the_training_rows()
    {
        var train = SampleSplits.Create(Table(), 0.25, 0.25, seed: 3).Train;
        float[] rows = train["x"].data<float>().ToArray();
        double[] first = rows.Where((_, i) => i % 2 == 0).Select(v => (double)v).ToArray();
        double mean = first.Average(), std = Math.Sqrt(first.Select(v => (v - mean) * (v - mean)).Average());

        var statistics = Assert.Single(Normalization.Fit(train, NormalizeOver.Feature).Inputs);

        Assert.Equal([2L], statistics.Shape);
        Assert.Equal(mean, statistics.Mean[0], 1e-9);
        Assert.Equal(std, statistics.Std[0], 1e-9);
        Assert.Equal((5.0, 1.0), (statistics.Mean[1], statistics.Std[1])); // constant: centred, not divided by 0
    }

    [Fact]
    public void Test_split_values_do_not_influence_the_statistics()
    {
        var clean = SampleSplits.Create(Table(), 0.25, 0.25, seed: 3);
        long[] testIds = clean.Test!["x"].data<float>().Where((_, i) => i % 2 == 0).Select(v => (long)v).ToArray();
        // The same samples and classes (so the same split), but huge values wherever a sample is in the test part.
        var poisoned = SampleSplits.Create(Table(i => testIds.Contains(i) ? 1e6f : i), 0.25, 0.25, seed: 3);

        var fromClean = Normalization.Fit(clean.Train, NormalizeOver.Feature).Inputs[0];
        var fromPoisoned = Normalization.Fit(poisoned.Train, NormalizeOver.Feature).Inputs[0];

        Assert.All(poisoned.Test!["x"].data<float>().Where((_, i) => i % 2 == 0), v => Assert.Equal(1e6f, v));
        Assert.Equal(fromClean.Mean, fromPoisoned.Mean);
        Assert.Equal(fromClean.Std, fromPoisoned.Std);
    }

    [Fact]
    public void Applying_uses_the_training_statistics_on_other_parts()
    {
        var splits = SampleSplits.Create(Table(), 0.25, 0.25, seed: 3);
        var normalization = Normalization.Fit(splits.Train, NormalizeOver.Feature);
        var statistics = normalization.Inputs[0];

        var test = normalization.Apply(splits.Test!);

        float raw = splits.Test!["x"][0, 0].item<float>();
        Assert.Equal((raw - statistics.Mean[0]) / statistics.Std[0], test["x"][0, 0].item<float>(), 1e-5);
        Assert.Equal(0f, test["x"][0, 1].item<float>());
        Assert.Same(splits.Test.Targets, test.Targets);
    }

    [Fact]
    public void Per_channel_statistics_cover_all_pixels_of_a_channel_and_leave_other_inputs_alone()
    {
        // Channel 0 holds 0 and 2 (mean 1, std 1), channel 1 holds 10 everywhere.
        var images = torch.stack([torch.stack([torch.zeros(2, 2), torch.full(2, 2, 10f)]), torch.stack([torch.full(2, 2, 2f), torch.full(2, 2, 10f)])]);
        var data = new SampleSet([("x", images), ("adj", torch.ones(2, 3, 3))]);

        var normalization = Normalization.Fit(data, NormalizeOver.Channel, "x");
        var applied = normalization.Apply(data);

        Assert.Equal([1.0, 10.0], normalization.Inputs[0].Mean);
        Assert.Equal([1.0, 1.0], normalization.Inputs[0].Std);
        Assert.Equal([-1f, -1f, -1f, -1f, 0f, 0f, 0f, 0f], applied["x"][0].data<float>().ToArray());
        Assert.Same(data["adj"], applied["adj"]);
    }

    [Fact]
    public void Data_of_another_shape_or_a_non_float_input_is_refused()
    {
        var normalization = Normalization.Fit(Table(), NormalizeOver.Feature);

        var shape = Assert.Throws<ArgumentException>(() => normalization.Apply(TensorData.Unlabelled(torch.zeros(3, 5))));
        var integer = Assert.Throws<ArgumentException>(() => Normalization.Fit(TensorData.Unlabelled(torch.zeros(3, 2, dtype: torch.int64)), NormalizeOver.Feature, "x"));

        Assert.Contains("fitted on feature shape [2]", shape.Message);
        Assert.Contains("only floating-point inputs", integer.Message);
    }

    [Fact]
    public void Statistics_and_class_names_saved_beside_the_model_load_back_equal()
    {
        var normalization = Normalization.Fit(Table(), NormalizeOver.Feature);
        var classes = new ClassLabels(["setosa", "versicolor"]);
        string path = DataPreparation.PathBeside(temp.File("model.ckpt"));

        new DataPreparation(normalization, classes).Save(path);
        var loaded = DataPreparation.Load(path);

        Assert.Equal(temp.File("model.ckpt.data.json"), path);
        Assert.Equal(classes.Names, loaded.Classes!.Names);
        var statistics = Assert.Single(loaded.Normalization!.Inputs);
        Assert.Equal(normalization.Inputs[0].Mean, statistics.Mean);
        Assert.Equal(normalization.Inputs[0].Std, statistics.Std);
        Assert.Equal(NormalizeOver.Feature, statistics.Over);
        Assert.Equal(normalization.Apply(Table())["x"].data<float>().ToArray(), loaded.Normalization.Apply(Table())["x"].data<float>().ToArray());
    }

    [Fact]
    public void A_damaged_or_inconsistent_preparation_file_is_refused_naming_it()
    {
        string broken = temp.File("broken.data.json");
        File.WriteAllText(broken, "{\"Version\": 1, \"Normalization\": [");
        string inconsistent = temp.File("inconsistent.data.json");
        File.WriteAllText(inconsistent, "{\"Version\": 1, \"Normalization\": [{\"Input\": \"x\", \"Over\": \"Feature\", \"Shape\": [2], \"Mean\": [0], \"Std\": [1, 1]}]}");

        var syntax = Assert.Throws<DataFormatException>(() => DataPreparation.Load(broken));
        var lengths = Assert.Throws<DataFormatException>(() => DataPreparation.Load(inconsistent));

        Assert.Equal(broken, syntax.FilePath);
        Assert.Contains("not a valid data preparation file", syntax.Message);
        Assert.Contains("incomplete or inconsistent", lengths.Message);
        Assert.Throws<FileNotFoundException>(() => DataPreparation.Load(temp.File("absent.json")));
    }
}
