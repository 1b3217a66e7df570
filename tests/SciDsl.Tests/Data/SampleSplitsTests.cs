using TorchSharp;

namespace SciDsl.Tests.Data;

public sealed class SampleSplitsTests
{
    /// <summary>Three unequal classes (50, 30, 7 samples); each sample's single feature is its index, so parts can be traced back.</summary>
    private static SampleSet Unbalanced()
    {
        long[] classes = [.. Enumerable.Repeat(0L, 50), .. Enumerable.Repeat(1L, 30), .. Enumerable.Repeat(2L, 7)];
        return TensorData.From(torch.arange(classes.Length, dtype: torch.float32).reshape(-1, 1), torch.tensor(classes));
    }

    private static long[] Ids(SampleSet? part) => part is null ? [] : part["x"].data<float>().Select(v => (long)v).ToArray();

    private static int CountOf(SampleSet part, long label) => part.Targets!.data<long>().Count(t => t == label);

    [Fact]
    public void Stratified_parts_keep_each_class_share_within_one_sample()
    {
        var splits = SampleSplits.Create(Unbalanced(), validation: 0.2, test: 0.1, seed: 7);

        foreach (var (label, size) in new[] { (0L, 50), (1L, 30), (2L, 7) })
        {
            Assert.InRange(CountOf(splits.Validation!, label), size * 0.2 - 1, size * 0.2 + 1);
            Assert.InRange(CountOf(splits.Test!, label), size * 0.1 - 1, size * 0.1 + 1);
        }
    }

    [Fact]
    public void Parts_are_disjoint_cover_every_sample_and_keep_features_with_their_targets()
    {
        var data = Unbalanced();
        var splits = SampleSplits.Create(data, 0.2, 0.1, seed: 7);

        long[] all = [.. Ids(splits.Train), .. Ids(splits.Validation), .. Ids(splits.Test)];
        Assert.Equal(Enumerable.Range(0, 87).Select(i => (long)i), all.Order());
        long[] expectedTargets = data.Targets!.data<long>().ToArray();
        Assert.Equal(Ids(splits.Train).Select(id => expectedTargets[id]), splits.Train.Targets!.data<long>().ToArray());
    }

    [Fact]
    public void The_same_seed_gives_the_same_parts_and_another_seed_other_parts()
    {
        var first = SampleSplits.Create(Unbalanced(), 0.2, 0.1, seed: 7);
        var again = SampleSplits.Create(Unbalanced(), 0.2, 0.1, seed: 7);
        var other = SampleSplits.Create(Unbalanced(), 0.2, 0.1, seed: 8);

        Assert.Equal(Ids(first.Train), Ids(again.Train));
        Assert.Equal(Ids(first.Test), Ids(again.Test));
        Assert.NotEqual(Ids(first.Test).Order(), Ids(other.Test).Order());
    }

    [Fact]
    public void Unstratified_split_of_unlabelled_samples_has_the_rounded_sizes()
    {
        var splits = SampleSplits.Create(TensorData.Unlabelled(torch.zeros(10, 2)), 0.3, 0, seed: 1, stratify: false);

        Assert.Equal(7, splits.Train.Count);
        Assert.Equal(3, splits.Validation!.Count);
        Assert.Null(splits.Test);
        Assert.False(splits.Train.IsLabelled);
    }

    [Fact]
    public void Bad_fractions_too_few_samples_and_stratifying_without_classes_are_refused()
    {
        var fractions = Assert.Throws<ArgumentException>(() => SampleSplits.Create(Unbalanced(), 0.6, 0.4, 1));
        var tooFew = Assert.Throws<ArgumentException>(() => SampleSplits.Create(TensorData.Unlabelled(torch.zeros(2, 1)), 0.1, 0, 1, stratify: false));
        var noClasses = Assert.Throws<ArgumentException>(() => SampleSplits.Create(TensorData.From(torch.zeros(4, 1), torch.zeros(4, 1)), 0.25, 0, 1));

        Assert.Contains("add up to less than 1", fractions.Message);
        Assert.Contains("2 samples are too few", tooFew.Message);
        Assert.Contains("stratify: false", noClasses.Message);
    }
}
