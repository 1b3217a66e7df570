using SciDsl.Interpretability;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Interpretability;

/// <summary>Occlusion and feature ablation on models whose output depends only on known inputs.</summary>
public sealed class PerturbationAttributionTests
{
    [Fact]
    public void Occlusion_puts_its_maximum_in_the_only_patch_the_model_reads()
    {
        using var scope = NewDisposeScope();
        // Target 0 sums the 2 × 2 patch at rows 2–3, columns 5–6 of an 8 × 8 image; target 1 reads everything.
        var mask = zeros(8, 8);
        mask[TensorIndex.Slice(2, 4), TensorIndex.Slice(5, 7)] = tensor(1f);
        var model = nn.Sequential(nn.Flatten(), nn.Linear(64, 2));
        using (no_grad())
        {
            model.parameters().First().copy_(stack(new[] { mask.flatten(), ones(64) }));
            model.parameters().Last().zero_();
        }
        torch.manual_seed(17);
        var x = rand(4, 1, 8, 8) + 0.5;

        var map = Occlusion.Compute(model, x, 0, window: new long[] { 1, 2, 2 }, stride: new long[] { 1, 1, 1 });

        Assert.Equal(x.shape, map.shape);
        var flatMap = map.reshape(4, 64);
        for (int sample = 0; sample < 4; sample++)
        {
            long best = flatMap[sample].argmax().item<long>();
            Assert.Equal(1f, mask.flatten()[best].item<float>());
        }
        // Far from the patch no window touches it, so occluding there changes nothing.
        Assert.Equal(0, map[TensorIndex.Colon, 0, TensorIndex.Slice(5, 8), TensorIndex.Slice(0, 3)].abs().max().item<float>());
    }

    [Fact]
    public void Occlusion_averages_the_drop_over_the_windows_covering_each_position()
    {
        using var scope = NewDisposeScope();
        // y = Σ x on a 1-D input of 4: a window of 2 at stride 1 drops x_i + x_{i+1}; position 1 is covered by the
        // windows at 0 and 1, so its attribution is ((x0 + x1) + (x1 + x2)) / 2.
        var model = nn.Linear(4, 1, hasBias: false);
        using (no_grad())
            model.weight!.fill_(1);
        var x = tensor(new float[,] { { 1, 2, 4, 8 } });

        var map = Occlusion.Compute(model, x, 0, window: new long[] { 2 }, stride: new long[] { 1 });

        var expected = tensor(new float[,] { { 3, 4.5f, 9, 12 } });
        Assert.True(map.allclose(expected, rtol: 0, atol: 1e-5), map.ToString(TorchSharp.TensorStringStyle.Julia));
    }

    [Fact]
    public void Feature_ablation_attributes_only_to_the_features_the_model_uses()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(18);
        var first = nn.Linear(8, 5);
        using (no_grad())
        {
            var used = zeros(8);
            used[2] = tensor(1f);
            used[5] = tensor(1f);
            first.weight!.mul_(used);
        }
        var model = nn.Sequential(first, nn.Tanh(), nn.Linear(5, 2));
        var x = randn(6, 8);

        var attributions = FeatureAblation.Compute(model, x, 1);

        Assert.Equal(new long[] { 6, 8 }, attributions.shape);
        foreach (int feature in new[] { 0, 1, 3, 4, 6, 7 })
            Assert.Equal(0, attributions[TensorIndex.Colon, feature].abs().max().item<float>());
        foreach (int feature in new[] { 2, 5 })
            Assert.True(attributions[TensorIndex.Colon, feature].abs().min().item<float>() > 1e-6);
    }

    [Fact]
    public void Feature_ablation_of_a_linear_model_is_the_weight_times_the_change_of_the_feature()
    {
        using var scope = NewDisposeScope();
        var model = AttributionModels.Linear();
        torch.manual_seed(19);
        var x = randn(3, 4);

        var attributions = FeatureAblation.Compute(model, x, 1, baselineValue: 0.5);

        var row = tensor(AttributionModels.LinearWeight)[1].unsqueeze(0);
        Assert.True(attributions.allclose((x - 0.5) * row, rtol: 0, atol: 1e-5));
    }
}
