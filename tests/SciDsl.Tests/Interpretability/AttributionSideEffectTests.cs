using SciDsl.Interpretability;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Interpretability;

/// <summary>Every attribution method leaves the model exactly as it found it, and rejects bad input by name and size.</summary>
public sealed class AttributionSideEffectTests
{
    public static TheoryData<string> Methods => new()
    {
        nameof(Saliency), nameof(InputXGradient), nameof(SmoothGrad), nameof(IntegratedGradients),
        nameof(Occlusion), nameof(FeatureAblation),
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Parameters_gradients_requires_grad_flags_and_training_modes_are_restored_exactly(string method)
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(20);
        var frozen = nn.Linear(6, 8);
        var model = nn.Sequential(frozen, nn.Tanh(), nn.Dropout(0.3), nn.Linear(8, 3));
        model.train();
        model.modules().OfType<TorchSharp.Modules.Dropout>().Single().eval(); // a child whose mode differs from its parent's
        // A pre-existing gradient on the trainable parameters, none on the frozen ones.
        foreach (var parameter in frozen.parameters())
            parameter.requires_grad_(false);
        model.forward(randn(4, 6)).pow(2).sum().backward();
        var before = Snapshot(model);
        Assert.Contains(before.Gradients, g => g is not null);
        Assert.Contains(before.Gradients, g => g is null);

        var x = randn(3, 6);
        Tensor attributions = Run(method, model, x);

        Assert.Equal(x.shape, attributions.shape);
        AssertRestored(before, model);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_multi_input_model_is_restored_exactly_and_every_input_gets_an_attribution_of_its_shape(string method)
    {
        using var scope = NewDisposeScope();
        var model = new TwoInputTanhMlp(seed: 21);
        model.train();
        model.forward(randn(4, 4), randn(4, 3)).pow(2).sum().backward();
        var before = Snapshot(model);
        var inputs = new ModelInputs(("x1", randn(3, 4)), ("x2", randn(3, 3)));

        var attributions = method switch
        {
            nameof(Saliency) => Saliency.Compute(model, inputs, 0),
            nameof(InputXGradient) => InputXGradient.Compute(model, inputs, 0),
            nameof(SmoothGrad) => SmoothGrad.Compute(model, inputs, 0, samples: 4),
            nameof(IntegratedGradients) => IntegratedGradients.Compute(model, inputs, 0, steps: 8).Attributions,
            nameof(Occlusion) => Occlusion.Compute(model, inputs, 0, new long[] { 2 }, new long[] { 1 }),
            nameof(FeatureAblation) => FeatureAblation.Compute(model, inputs, 0),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "no such attribution method in this test"),
        };

        Assert.Equal(inputs[0].Value.shape, attributions["x1"].shape);
        Assert.Equal(inputs[1].Value.shape, attributions["x2"].shape);
        AssertRestored(before, model);
    }

    [Fact]
    public void Grad_cam_on_a_multi_input_model_leaves_it_as_it_was()
    {
        using var scope = NewDisposeScope();
        var model = new ImageAndTabular(seed: 22);
        model.train();
        model.forward(randn(2, 1, 8, 8), randn(2, 3)).sum().backward();
        var before = Snapshot(model);

        GradCam.Compute(model, new ModelInputs(("x", randn(2, 1, 8, 8)), ("z", randn(2, 3))), 1, "features");

        AssertRestored(before, model);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_target_outside_the_output_width_names_the_method_and_the_width(string method)
    {
        using var scope = NewDisposeScope();
        var error = Assert.ThrowsAny<ArgumentException>(() => Run(method, AttributionModels.Linear(), randn(2, 4), target: 3));

        Assert.Contains(method, error.Message);
        Assert.Contains("target 3", error.Message);
        Assert.Contains("width 3", error.Message);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void An_input_the_model_cannot_take_names_the_method_and_the_shape(string method)
    {
        using var scope = NewDisposeScope();
        var error = Assert.ThrowsAny<ArgumentException>(() => Run(method, AttributionModels.Linear(), randn(2, 5)));

        Assert.Contains(method, error.Message);
        Assert.Contains("[2, 5]", error.Message);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void An_input_without_a_batch_dimension_or_with_nan_is_rejected(string method)
    {
        using var scope = NewDisposeScope();
        var unbatched = Assert.ThrowsAny<ArgumentException>(() => Run(method, AttributionModels.Linear(), randn(4)));
        var withNan = randn(2, 4);
        withNan[1, 2] = tensor(float.NaN);
        var nan = Assert.ThrowsAny<ArgumentException>(() => Run(method, AttributionModels.Linear(), withNan));

        Assert.Contains(method, unbatched.Message);
        Assert.Contains("[4]", unbatched.Message);
        Assert.Contains(method, nan.Message);
        Assert.Contains("NaN", nan.Message);
    }

    [Fact]
    public void Bad_integrated_gradients_arguments_name_the_method_and_the_sizes()
    {
        using var scope = NewDisposeScope();
        var model = AttributionModels.Linear();
        var x = randn(2, 4);

        var steps = Assert.ThrowsAny<ArgumentException>(() => IntegratedGradients.Compute(model, x, 0, steps: 0));
        var chunk = Assert.ThrowsAny<ArgumentException>(() => IntegratedGradients.Compute(model, x, 0, chunkSize: 0));
        var baseline = Assert.ThrowsAny<ArgumentException>(() => IntegratedGradients.Compute(model, x, 0, baseline: zeros(3)));

        Assert.Contains("IntegratedGradients: steps", steps.Message);
        Assert.Contains("IntegratedGradients: chunkSize", chunk.Message);
        Assert.Contains("IntegratedGradients: baseline has shape [3]", baseline.Message);
        Assert.Contains("[2, 4]", baseline.Message);
    }

    [Fact]
    public void An_occlusion_window_larger_than_the_input_or_of_the_wrong_rank_names_the_sizes()
    {
        using var scope = NewDisposeScope();
        var model = AttributionModels.Linear();
        var x = randn(2, 4);

        var large = Assert.ThrowsAny<ArgumentException>(() => Occlusion.Compute(model, x, 0, new long[] { 5 }, new long[] { 1 }));
        var rank = Assert.ThrowsAny<ArgumentException>(() => Occlusion.Compute(model, x, 0, new long[] { 1, 1 }, new long[] { 1 }));

        Assert.Contains("Occlusion: window [5] is larger than a sample [4]", large.Message);
        Assert.Contains("Occlusion: window [1, 1]", rank.Message);
        Assert.Contains("[2, 4]", rank.Message);
    }

    [Fact]
    public void Feature_ablation_of_a_non_tabular_input_names_the_shape()
    {
        using var scope = NewDisposeScope();
        var error = Assert.ThrowsAny<ArgumentException>(
            () => FeatureAblation.Compute(AttributionModels.TanhCnn(1), randn(2, 1, 8, 8), 0));

        Assert.Contains("FeatureAblation: x has shape [2, 1, 8, 8]", error.Message);
    }

    private static Tensor Run(string method, nn.Module<Tensor, Tensor> model, Tensor x, long target = 0) => method switch
    {
        nameof(Saliency) => Saliency.Compute(model, x, target),
        nameof(InputXGradient) => InputXGradient.Compute(model, x, target),
        nameof(SmoothGrad) => SmoothGrad.Compute(model, x, target, samples: 4),
        nameof(IntegratedGradients) => IntegratedGradients.Compute(model, x, target, steps: 8).Attributions,
        nameof(Occlusion) => Occlusion.Compute(model, x, target, new long[] { 2 }, new long[] { 1 }),
        nameof(FeatureAblation) => FeatureAblation.Compute(model, x, target),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "no such attribution method in this test"),
    };

    private static void AssertRestored(ModelState before, nn.Module model)
    {
        var after = Snapshot(model);
        Assert.Equal(before.Modes, after.Modes);
        Assert.Equal(before.RequiresGrad, after.RequiresGrad);
        Assert.Equal(before.Values, after.Values);
        Assert.Equal(before.Gradients, after.Gradients);
    }

    internal sealed record ModelState(bool[] Modes, bool[] RequiresGrad, byte[][] Values, byte[]?[] Gradients);

    internal static ModelState Snapshot(nn.Module model)
    {
        var parameters = model.parameters().ToArray();
        return new ModelState(
            new[] { model.training }.Concat(model.modules().Select(m => m.training)).ToArray(),
            parameters.Select(p => p.requires_grad).ToArray(),
            parameters.Select(p => p.bytes.ToArray()).ToArray(),
            parameters.Select(p => p.grad is { } g ? g.bytes.ToArray() : null).ToArray());
    }
}
