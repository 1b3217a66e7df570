using SciDsl.Tests.Experiments;
using TorchSharp;

namespace SciDsl.Tests.Training;

/// <summary>
/// The one data preparation every trainer uses (<see cref="TrainingData"/>), on a device other than the CPU: libtorch's
/// meta device, which the CPU build has (no GPU is needed to see that nothing is left behind on the CPU).
/// </summary>
public sealed class TrainingDataTests
{
    private static readonly torch.Device Meta = new(DeviceType.META);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_split_and_the_samples_that_train_beside_it_are_put_on_the_training_device(bool normalize)
    {
        var config = new TrainConfig(Loss.CrossEntropy, Optim.Adam, ValidationSplit: 0.2, TestSplit: 0.2, Normalize: normalize);
        var loaded = new IrisSamples().Load();

        using var split = TrainingData.Split(SampleSet.From(loaded), loaded.Targets, config, "iris", Meta, out var normalization, testSplit: config.TestSplit);
        using var unlabelled = TrainingData.Alongside(loaded.Features, normalization, Meta);

        Assert.Equal(normalize, normalization is not null);
        var parts = split.TrainInputs.Concat(split.ValidationInputs!).Concat(split.TestInputs!)
            .Append(split.TrainTargets).Append(split.ValidationTargets!).Append(split.TestTargets!).Append(unlabelled);
        Assert.All(parts, part => Assert.Equal(DeviceType.META, part.device_type));
        Assert.Equal(loaded.Features.shape, unlabelled.shape);
    }
}
