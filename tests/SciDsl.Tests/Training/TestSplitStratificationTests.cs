using TorchSharp;

namespace SciDsl.Tests.Training;

/// <summary>
/// The test part that <c>[Train(TestSplit)]</c> holds out keeps each class's share (issue 7, item 1: splits stratified
/// for classes), so a rare class is neither missing from the test metrics nor over-represented in them.
/// </summary>
public sealed class TestSplitStratificationTests
{
    [Fact]
    public void A_test_part_of_class_targets_holds_each_class_in_proportion_for_every_seed()
    {
        // 90 samples of class 0, 10 of class 1; with 20 % validation, the test part (20 % of 100) comes from the 80 rest.
        var targets = torch.cat([torch.zeros(90, torch.int64), torch.ones(10, torch.int64)]);
        var data = new LabelledData(torch.arange(100, torch.float32).unsqueeze(1), targets);

        for (int seed = 0; seed < 10; seed++)
        {
            var config = new TrainConfig(Loss.CrossEntropy, Optim.Adam, ValidationSplit: 0.2, TestSplit: 0.2, Seed: seed);
            var test = data.TestPart(config);
            var validation = ValidationOf(data, config);
            long rare = test.Targets.sum().item<long>();
            long rareInRest = 10 - validation.Targets.sum().item<long>();

            Assert.Equal(20, test.Targets.shape[0]);
            // The rest's share of class 1 (rareInRest of 80) in 20 test samples, to within one sample.
            Assert.InRange(rare, (long)Math.Floor(rareInRest * 20 / 80.0), (long)Math.Ceiling(rareInRest * 20 / 80.0));
        }
    }

    [Fact]
    public void Test_samples_are_not_in_the_validation_part_and_the_split_is_the_same_for_the_same_seed()
    {
        var targets = torch.arange(60, torch.int64).remainder(3);
        var data = new LabelledData(torch.arange(60, torch.float32).unsqueeze(1), targets);
        var config = new TrainConfig(Loss.CrossEntropy, Optim.Adam, ValidationSplit: 0.25, TestSplit: 0.25, Seed: 5);

        var test = data.TestPart(config).Features.squeeze(1).data<float>().ToArray();
        var again = data.TestPart(config).Features.squeeze(1).data<float>().ToArray();
        var validationPart = ValidationOf(data, config);
        var validation = validationPart.Features.squeeze(1).data<float>().ToArray();

        Assert.Equal(test, again);
        Assert.Empty(test.Intersect(validation));
        for (int c = 0; c < 3; c++)
        {
            // Class c's share of the 45 samples left after validation, in the 15 test samples, to within one sample.
            long rest = 20 - validationPart.Targets.eq(c).sum().item<long>();
            long inTest = data.TestPart(config).Targets.eq(c).sum().item<long>();
            Assert.True(Math.Abs(inTest - rest * 15 / 45.0) < 1, $"class {c}: {inTest} test samples of {rest} left after validation");
        }
    }

    private static LabelledData ValidationOf(LabelledData data, TrainConfig config)
    {
        using var split = DataSplit.Create([data.Features], data.Targets, config.ValidationSplit, config.TestSplit, config.Seed, "data");
        return new LabelledData(split.ValidationFeatures!.alias(), split.ValidationTargets!.alias());
    }
}
