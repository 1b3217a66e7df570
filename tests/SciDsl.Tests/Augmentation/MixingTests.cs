using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Augmentations;

public sealed class MixingTests
{
    [Fact]
    public void Mixup_returns_the_convex_combination_of_each_sample_and_its_partner_with_the_returned_lambda()
    {
        using var inputs = torch.randn(10, 3, 5);
        using var labels = torch.tensor(new long[] { 0, 1, 2, 3, 0, 1, 2, 3, 0, 1 });
        using var generator = new torch.Generator(1);
        using var mixed = new Mixup(alpha: 0.4).Apply(inputs, labels, classCount: 4, generator);

        Assert.InRange(mixed.Lambda, 0, 1);
        long[] partners = mixed.Permutation.data<long>().ToArray();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), partners.Order());
        for (int i = 0; i < 10; i++)
        {
            using var reconstructed = inputs[i] * mixed.Lambda + inputs[partners[i]] * (1 - mixed.Lambda);
            Assert.True((mixed.Inputs[i] - reconstructed).abs().max().item<float>() < 1e-6f);
            var target = new float[4];
            target[labels[i].item<long>()] += (float)mixed.Lambda;
            target[labels[partners[i]].item<long>()] += (float)(1 - mixed.Lambda);
            Assert.Equal(target, mixed.Targets[i].data<float>().ToArray(), new FloatTolerance(1e-6f));
        }
        Assert.True((mixed.Targets.sum(1) - 1).abs().max().item<float>() < 1e-6f);
    }

    [Fact]
    public void Mixup_draws_lambda_from_beta_so_a_small_alpha_keeps_mixes_near_one_sample()
    {
        var mixup = new Mixup(alpha: 0.1);
        using var inputs = torch.zeros(2, 1);
        using var labels = torch.tensor(new long[] { 0, 1 });
        var lambdas = Enumerable.Range(0, 200).Select(seed =>
        {
            using var generator = new torch.Generator((ulong)seed);
            using var mixed = mixup.Apply(inputs, labels, 2, generator);
            return mixed.Lambda;
        }).ToList();
        // Beta(0.1, 0.1) puts about 76 % of its mass outside [0.1, 0.9]; Beta mean is 0.5.
        Assert.InRange(lambdas.Count(l => l < 0.1 || l > 0.9) / 200.0, 0.6, 0.9);
        Assert.InRange(lambdas.Average(), 0.4, 0.6);
    }

    [Fact]
    public void CutMix_lambda_is_exactly_one_minus_the_box_area_and_pixels_outside_the_box_are_the_first_sample()
    {
        const int count = 6, height = 10, width = 12;
        // Sample i is filled with i+1, so each pixel tells which sample it came from.
        using var images = (torch.arange(count, ScalarType.Float32) + 1).view(count, 1, 1, 1).expand(count, 2, height, width).contiguous();
        using var labels = torch.arange(count, ScalarType.Int64);
        var cutMix = new CutMix(alpha: 1.0);
        int checkedBoxes = 0;
        for (ulong seed = 0; seed < 10; seed++)
        {
            using var generator = new torch.Generator(seed);
            using var mixed = cutMix.Apply(images, labels, count, generator);
            var box = Assert.NotNull(mixed.Box);
            Assert.Equal(1 - (double)box.Area / (height * width), mixed.Lambda);
            long[] partners = mixed.Permutation.data<long>().ToArray();
            for (int i = 0; i < count; i++)
            {
                if (partners[i] == i) continue;
                float[] pixels = mixed.Inputs[i].contiguous().data<float>().ToArray();
                int own = pixels.Count(value => value == i + 1), pasted = pixels.Count(value => value == partners[i] + 1);
                Assert.Equal(pixels.Length, own + pasted);
                Assert.Equal(mixed.Lambda, own / (double)pixels.Length, 12);
                for (int channel = 0; channel < 2; channel++)
                    for (int row = 0; row < height; row++)
                        for (int column = 0; column < width; column++)
                        {
                            bool inside = row >= box.Top && row < box.Top + box.Height && column >= box.Left && column < box.Left + box.Width;
                            Assert.Equal(inside ? partners[i] + 1 : i + 1, pixels[(channel * height + row) * width + column]);
                        }
                Assert.Equal(mixed.Lambda, mixed.Targets[i, i].item<float>(), 6);
                Assert.Equal(1 - mixed.Lambda, mixed.Targets[i, partners[i]].item<float>(), 6);
                if (box.Area > 0) checkedBoxes++;
            }
        }
        Assert.True(checkedBoxes > 10, "the seeds should give non-empty boxes");
    }

    [Fact]
    public void Soft_target_cross_entropy_equals_cross_entropy_on_one_hot_targets()
    {
        using var logits = torch.randn(7, 5, generator: new torch.Generator(2));
        using var labels = torch.tensor(new long[] { 0, 4, 2, 2, 1, 3, 0 });
        using var expected = torch.nn.functional.cross_entropy(logits, labels);
        using var oneHot = SoftTargets.From("test", labels, 7, 5, logits.device);
        using var actual = SoftTargets.CrossEntropy(logits, oneHot);
        Assert.Equal(expected.item<float>(), actual.item<float>(), 5);
    }

    [Fact]
    public void Mixing_refuses_bad_alpha_targets_and_image_ranks_naming_the_augmentation()
    {
        Assert.Contains("Mixup", Assert.Throws<ArgumentException>(() => new Mixup(alpha: 0)).Message);
        using var generator = new torch.Generator(3);
        using var sequences = torch.zeros(4, 3, 8);
        using var labels = torch.zeros(4, ScalarType.Int64);
        var rank = Assert.Throws<ArgumentException>(() => new CutMix().Apply(sequences, labels, 2, generator));
        Assert.Contains("CutMix", rank.Message);
        Assert.Contains("[B,C,H,W]", rank.Message);
        Assert.Contains("[4, 3, 8]", rank.Message);
        using var wrongTargets = torch.zeros(3, 2);
        var targets = Assert.Throws<ArgumentException>(() => new Mixup().Apply(sequences, wrongTargets, 2, generator));
        Assert.Contains("Mixup", targets.Message);
        Assert.Contains("[4, 2]", targets.Message);
        Assert.Contains("[3, 2]", targets.Message);
        using var outOfRange = torch.tensor(new long[] { 0, 1, 2, 5 });
        Assert.Contains("[0, 3)", Assert.Throws<ArgumentException>(() => new Mixup().Apply(sequences, outOfRange, 3, generator)).Message);
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float value) => 0;
    }
}
