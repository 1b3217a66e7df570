using SciDsl.Interpretability;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Interpretability;

/// <summary>
/// Attributions of models with several inputs against ground truth: one attribution per floating-point input, each of
/// its input's shape; interpolation and noise move every input together; integer inputs are held fixed.
/// </summary>
public sealed class MultiInputAttributionTests
{
    private const long Target = 1;

    [Fact]
    public void Saliency_and_input_x_gradient_of_a_two_input_linear_model_are_each_inputs_weight_row()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(11);
        var (x1, x2) = (randn(5, 4), randn(5, 3));
        var inputs = new ModelInputs(("x1", x1), ("x2", x2));

        var saliency = Saliency.Compute(new TwoInputLinear(), inputs, Target);
        var inputXGradient = InputXGradient.Compute(new TwoInputLinear(), inputs, Target);

        Assert.Equal(new[] { "x1", "x2" }, saliency.Keys);
        Close(Row(TwoInputLinear.FirstWeight).abs().expand(5, 4), saliency["x1"]);
        Close(Row(TwoInputLinear.SecondWeight).abs().expand(5, 3), saliency["x2"]);
        Close(x1 * Row(TwoInputLinear.FirstWeight), inputXGradient["x1"]);
        Close(x2 * Row(TwoInputLinear.SecondWeight), inputXGradient["x2"]);
    }

    [Theory]
    [InlineData(IntegrationRule.RiemannMidpoint)]
    [InlineData(IntegrationRule.GaussLegendre)]
    public void Integrated_gradients_of_a_two_input_linear_model_are_each_inputs_difference_times_its_weights(IntegrationRule rule)
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(12);
        var (x1, x2) = (randn(4, 4), randn(4, 3));
        var (b1, b2) = (randn(4), randn(4, 3));

        var ig = IntegratedGradients.Compute(new TwoInputLinear(), new ModelInputs(("x1", x1), ("x2", x2)), Target,
            new Dictionary<string, Tensor> { ["x1"] = b1, ["x2"] = b2 }, steps: 8, rule: rule, chunkSize: 5);

        Close((x1 - b1) * Row(TwoInputLinear.FirstWeight), ig.Attributions["x1"]);
        Close((x2 - b2) * Row(TwoInputLinear.SecondWeight), ig.Attributions["x2"]);
        Assert.True(ig.Delta.abs().max().item<double>() <= 1e-5);
    }

    [Fact]
    public void Integrated_gradients_move_every_input_along_its_path_together()
    {
        // For f = Σ x1 ⊙ x2 from zeros, both inputs scale with α, so each gets x1 ⊙ x2 / 2; holding x2 at its value
        // would give x1's attribution all of x1 ⊙ x2.
        using var scope = NewDisposeScope();
        torch.manual_seed(13);
        var (x1, x2) = (randn(3, 2, 5), randn(3, 2, 5));

        var ig = IntegratedGradients.Compute(new Bilinear(), new ModelInputs(("x1", x1), ("x2", x2)), Target, steps: 4, chunkSize: 5);

        Close(x1 * x2 / 2, ig.Attributions["x1"]);
        Close(x1 * x2 / 2, ig.Attributions["x2"]);
    }

    [Theory]
    [InlineData(IntegrationRule.RiemannMidpoint)]
    [InlineData(IntegrationRule.GaussLegendre)]
    public void Integrated_gradients_are_complete_within_one_percent_summed_over_the_inputs_of_a_nonlinear_model(IntegrationRule rule)
    {
        using var scope = NewDisposeScope();
        var model = new TwoInputTanhMlp(seed: 14);
        torch.manual_seed(15);
        var (x1, x2) = (randn(6, 4) * 2, randn(6, 3) * 2);

        var ig = IntegratedGradients.Compute(model, new ModelInputs(("x1", x1), ("x2", x2)), Target, steps: 64, rule: rule, chunkSize: 100);

        Tensor gap;
        using (no_grad())
        {
            model.eval();
            gap = (model.forward(x1, x2) - model.forward(zeros_like(x1), zeros_like(x2)))[.., Target].to(float64);
        }
        var total = (ig.Attributions["x1"].sum(1) + ig.Attributions["x2"].sum(1)).to(float64);
        var relativeError = ((total - gap).abs() / gap.abs()).max().item<double>();
        Assert.True(relativeError <= 0.01, $"completeness error {relativeError:P2}");
        Assert.True((total - gap).allclose(ig.Delta, rtol: 0, atol: 1e-4));
    }

    [Fact]
    public void Chunking_does_not_change_multi_input_integrated_gradients_or_smoothgrad()
    {
        using var scope = NewDisposeScope();
        var model = new TwoInputTanhMlp(seed: 16);
        torch.manual_seed(17);
        var inputs = new ModelInputs(("x1", randn(5, 4)), ("x2", randn(5, 3)));

        var whole = IntegratedGradients.Compute(model, inputs, Target, steps: 16, chunkSize: 1000);
        var chunked = IntegratedGradients.Compute(model, inputs, Target, steps: 16, chunkSize: 7);
        var smooth = SmoothGrad.Compute(model, inputs, Target, samples: 6, seed: 3, chunkSize: 1000);
        var smoothChunked = SmoothGrad.Compute(model, inputs, Target, samples: 6, seed: 3, chunkSize: 4);

        foreach (string name in new[] { "x1", "x2" })
        {
            Close(whole.Attributions[name], chunked.Attributions[name], 1e-6);
            Close(smooth[name], smoothChunked[name], 1e-6);
        }
    }

    [Fact]
    public void SmoothGrad_adds_noise_to_every_floating_point_input()
    {
        // ∂(Σ x1 ⊙ x2)/∂x1 = x2: without noise SmoothGrad of x1 is exactly x2 (and of x2 is x1); with noise on x2 it is not.
        using var scope = NewDisposeScope();
        torch.manual_seed(18);
        var (x1, x2) = (randn(3, 6), randn(3, 6));
        var inputs = new ModelInputs(("x1", x1), ("x2", x2));

        var clean = SmoothGrad.Compute(new Bilinear(), inputs, Target, noiseLevel: 0, samples: 3);
        var noisy = SmoothGrad.Compute(new Bilinear(), inputs, Target, noiseLevel: 0.5, samples: 3);

        Close(x2, clean["x1"]);
        Close(x1, clean["x2"]);
        Assert.False(noisy["x1"].allclose(x2, rtol: 0, atol: 1e-3));
        Assert.False(noisy["x2"].allclose(x1, rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void Occlusion_finds_the_planted_feature_in_each_input_while_holding_the_other()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(19);
        var (x1, x2) = (rand(4, 2, 10) + 0.5, rand(4, 2, 10) + 0.5);

        var occlusion = Occlusion.Compute(new PlantedPair(), new ModelInputs(("x1", x1), ("x2", x2)), Target,
            window: new long[] { 1, 2 }, stride: new long[] { 1, 1 });

        Assert.Equal(x1.shape, occlusion["x1"].shape);
        Assert.Equal(x2.shape, occlusion["x2"].shape);
        Assert.Equal(new long[] { 1 * 10 + 0, 1 * 10 + 1 }, TopPositions(occlusion["x1"], 2));
        Assert.Equal(new long[] { 0 * 10 + 6, 0 * 10 + 7 }, TopPositions(occlusion["x2"], 2));
        Assert.Equal(0, occlusion["x1"][.., 0].abs().max().item<float>());
        Assert.Equal(0, occlusion["x2"][.., 1].abs().max().item<float>());
    }

    [Fact]
    public void Feature_ablation_ablates_each_inputs_features_against_the_linear_weights()
    {
        // For a linear model, ablating feature f of input i to 0 drops the score by x_i[f]·w_i[f].
        using var scope = NewDisposeScope();
        torch.manual_seed(20);
        var (x1, x2) = (randn(3, 4), randn(3, 3));

        var ablation = FeatureAblation.Compute(new TwoInputLinear(), new ModelInputs(("x1", x1), ("x2", x2)), Target);

        Close(x1 * Row(TwoInputLinear.FirstWeight), ablation["x1"]);
        Close(x2 * Row(TwoInputLinear.SecondWeight), ablation["x2"]);
    }

    [Fact]
    public void Integer_inputs_are_held_fixed_and_only_the_floating_point_input_is_attributed()
    {
        using var scope = NewDisposeScope();
        var model = new IdsAndValues();
        torch.manual_seed(21);
        var ids = randint(0, 11, new long[] { 3, 5 }, dtype: int64);
        var x = randn(3, 4);
        var inputs = new ModelInputs(("ids", ids), ("x", x));
        var weights = Row(IdsAndValues.ValueWeight);

        var saliency = Saliency.Compute(model, inputs, Target);
        var ig = IntegratedGradients.Compute(model, inputs, Target, steps: 4);
        var smooth = SmoothGrad.Compute(model, inputs, Target, samples: 3);
        var occlusion = Occlusion.Compute(model, inputs, Target, new long[] { 1 }, new long[] { 1 });
        var ablation = FeatureAblation.Compute(model, inputs, Target);

        foreach (var attributions in new[] { saliency, ig.Attributions, smooth, occlusion, ablation })
            Assert.Equal(new[] { "x" }, attributions.Keys);
        Close(weights.abs().expand(3, 4), saliency["x"]);
        Close(x * weights, ig.Attributions["x"]);
        Close(weights.expand(3, 4), smooth["x"]);
        Close(x * weights, occlusion["x"]);
        Close(x * weights, ablation["x"]);
        Assert.True(ig.Delta.abs().max().item<double>() <= 1e-5);
    }

    [Fact]
    public void Grad_cam_of_a_multi_input_model_is_the_layers_map_whatever_the_other_input()
    {
        using var scope = NewDisposeScope();
        var model = new ImageAndTabular(seed: 22);
        torch.manual_seed(23);
        var (x, z) = (randn(3, 1, 8, 8), randn(3, 3));

        var map = GradCam.Compute(model, new ModelInputs(("x", x), ("z", z)), Target, "features");

        Assert.Equal(new long[] { 3, 8, 8 }, map.shape);
        Close(GradCam.Compute(new FirstInputOf(model, z), x, Target, "inner.features"), map, 0);
    }

    [Fact]
    public void Bad_inputs_name_the_method_the_input_and_the_expected_shape()
    {
        using var scope = NewDisposeScope();
        var model = new TwoInputLinear();
        var (x1, x2) = (randn(2, 4), randn(2, 3));
        var withNan = randn(2, 3);
        withNan[1, 0] = tensor(float.NaN);

        var count = ShapeErrors.Naming(() => Saliency.Compute(model, new ModelInputs(("x1", x1)), 0), "Saliency", "takes 2 input(s) but received 1", "x1 [2, 4]");
        var shape = ShapeErrors.Naming(() => SmoothGrad.Compute(model, new ModelInputs(("x1", x1), ("x2", randn(2, 5))), 0),
            "SmoothGrad", "x2 of shape [2, 5] (per sample [5])", "x1 of shape [2, 4]");
        var batch = ShapeErrors.Naming(() => Occlusion.Compute(model, new ModelInputs(("x1", x1), ("x2", randn(3, 3))), 0, new long[] { 1 }, new long[] { 1 }),
            "Occlusion: x2 has shape [3, 3], a batch of 3; expected 2 samples like x1 [2, 4]");
        var nan = ShapeErrors.Naming(() => InputXGradient.Compute(model, new ModelInputs(("x1", x1), ("x2", withNan)), 0), "InputXGradient: x2 of shape [2, 3] contains NaN");
        var baseline = ShapeErrors.Naming(() => IntegratedGradients.Compute(model, new ModelInputs(("x1", x1), ("x2", x2)), 0,
            new Dictionary<string, Tensor> { ["x2"] = zeros(4) }), "IntegratedGradients: baseline of x2 has shape [4]; expected x2's shape [2, 3] or one sample's shape [3]");
        var unknown = ShapeErrors.Naming(() => IntegratedGradients.Compute(model, new ModelInputs(("x1", x1), ("x2", x2)), 0,
            new Dictionary<string, Tensor> { ["x3"] = zeros(3) }), "IntegratedGradients: baselines name x3");
        var target = Assert.ThrowsAny<ArgumentException>(() => FeatureAblation.Compute(model, new ModelInputs(("x1", x1), ("x2", x2)), 2));
        var window = ShapeErrors.Naming(() => Occlusion.Compute(new Bilinear(), new ModelInputs(("x1", randn(2, 2, 5)), ("x2", randn(2, 2, 5))), 0, new long[] { 1, 6 }, new long[] { 1, 1 }),
            "Occlusion: window [1, 6] is larger than a sample [2, 5] of x1");

        Assert.Equal("inputs", count.ParamName);
        Assert.Equal("x2", nan.ParamName);
        Assert.Contains("FeatureAblation: target 2 is outside the model's output width 2", target.Message);
    }

    private static Tensor Row(float[,] weight) => tensor(weight)[Target];

    private static long[] TopPositions(Tensor attributions, int count) =>
        attributions.mean(new long[] { 0 }).flatten().topk(count).indexes.sort().Values.data<long>().ToArray();

    private static void Close(Tensor expected, Tensor actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.shape, actual.shape);
        var difference = (expected.to(float64) - actual.to(float64)).abs().max().item<double>();
        Assert.True(difference <= tolerance, $"max difference {difference}");
    }
}
