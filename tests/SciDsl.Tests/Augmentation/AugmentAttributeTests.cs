using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Augmentations;

public sealed class AugmentAttributeTests
{
    private static Tensor Negate(Tensor batch, torch.Generator generator) => -batch;

    [Fact]
    public void The_attribute_builds_its_pipeline_in_the_documented_order_skipping_settings_left_at_zero()
    {
        var settings = new AugmentAttribute { Noise = 0.05, FlipHorizontal = 0.5, CropPadding = 2, Method = nameof(Negate) };
        var pipeline = Augmentation.From(settings, Negate);
        Assert.Equal(["FlipHorizontal", "RandomCrop", "Negate", "GaussianNoise"], pipeline.Steps.Select(step => step.Name));
    }

    [Fact]
    public void The_user_method_runs_on_the_batch()
    {
        var pipeline = Augmentation.From(new AugmentAttribute { Method = nameof(Negate) }, Negate);
        using var batch = torch.randn(3, 4);
        using var output = pipeline.Apply(batch, seed: 1);
        using var expected = -batch;
        Assert.True(output.Same(expected));
    }

    [Fact]
    public void A_named_method_without_its_delegate_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Augmentation.From(new AugmentAttribute { Method = "Smear" }));
        Assert.Contains("'Smear'", error.Message);
    }

    [Fact]
    public void A_user_method_that_changes_the_batch_size_is_reported()
    {
        var pipeline = Augmentation.Compose(Augmentation.Method("Halve", batch => batch[..1]));
        using var batch = torch.zeros(4, 2);
        var error = Assert.Throws<InvalidOperationException>(() => pipeline.Apply(batch, seed: 2));
        Assert.Contains("'Halve'", error.Message);
        Assert.Contains("[1, 2]", error.Message);
    }
}
