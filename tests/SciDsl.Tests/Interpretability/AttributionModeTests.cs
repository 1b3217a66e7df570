using SciDsl.Interpretability;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Interpretability;

/// <summary>
/// Issue 8's bad-input rules: a model in training mode is explained in eval mode (dropout off, batch-norm running
/// statistics used and left alone) and given back in training mode, also when the call fails; bad arguments and bad
/// inputs name the method, the argument and what was expected.
/// </summary>
public sealed class AttributionModeTests
{
    public static TheoryData<string> Methods => new()
    {
        nameof(Saliency), nameof(InputXGradient), nameof(SmoothGrad), nameof(IntegratedGradients),
        nameof(Occlusion), nameof(FeatureAblation),
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_model_in_training_mode_is_explained_in_eval_mode_without_touching_its_batch_norm_statistics(string method)
    {
        using var scope = NewDisposeScope();
        var model = TabularModelWithBatchNormAndDropout();
        var x = randn(4, 6, generator: new Generator(32));
        model.train();
        var buffers = Buffers(model);

        var inTraining = Run(method, model, x);

        Assert.True(model.training);
        Assert.All(model.modules(), m => Assert.True(m.training));
        Assert.Equal(buffers, Buffers(model));
        model.eval();
        var inEval = Run(method, model, x);
        Assert.True(inTraining.allclose(inEval, rtol: 0, atol: 0), $"{method} differs between a model in training and in eval mode");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_failed_attribution_gives_the_model_back_in_its_modes_and_flags(string method)
    {
        using var scope = NewDisposeScope();
        var model = TabularModelWithBatchNormAndDropout();
        model.train();
        model.parameters().First().requires_grad_(false);
        var before = AttributionSideEffectTests.Snapshot(model);

        Assert.ThrowsAny<ArgumentException>(() => Run(method, model, randn(4, 6), target: 7));

        var after = AttributionSideEffectTests.Snapshot(model);
        Assert.Equal(before.Modes, after.Modes);
        Assert.Equal(before.RequiresGrad, after.RequiresGrad);
    }

    [Fact]
    public void Grad_cam_and_activation_capture_of_a_model_in_training_mode_run_in_eval_mode()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(33);
        var model = nn.Sequential(
            ("conv", nn.Conv2d(1, 4, 3, padding: 1)), ("norm", nn.BatchNorm2d(4)), ("drop", nn.Dropout2d(0.5)),
            ("pool", nn.AdaptiveAvgPool2d(1)), ("flat", nn.Flatten()), ("head", nn.Linear(4, 2)));
        var x = randn(3, 1, 6, 6, generator: new Generator(34));
        model.train();
        var buffers = Buffers(model);

        var mapInTraining = GradCam.Compute(model, x, 1, "drop");
        var capturedInTraining = model.Activations(x, "drop")["drop"];

        Assert.True(model.training);
        Assert.Equal(buffers, Buffers(model));
        model.eval();
        Assert.True(mapInTraining.allclose(GradCam.Compute(model, x, 1, "drop"), rtol: 0, atol: 0));
        Assert.True(capturedInTraining.allclose(model.Activations(x, "drop")["drop"], rtol: 0, atol: 0));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void An_infinite_input_is_rejected_by_name_instead_of_giving_a_nan_map(string method)
    {
        using var scope = NewDisposeScope();
        var x = randn(2, 4);
        x[0, 1] = tensor(float.PositiveInfinity);

        var error = Assert.ThrowsAny<ArgumentException>(() => Run(method, AttributionModels.Linear(), x));

        Assert.Contains($"{method}: x of shape [2, 4] contains NaN or infinite values", error.Message);
        Assert.Equal("x", error.ParamName);
    }

    [Fact]
    public void A_non_finite_baseline_value_or_noise_level_is_rejected_by_name()
    {
        using var scope = NewDisposeScope();
        var model = AttributionModels.Linear();
        var x = randn(2, 4);

        AssertNames(() => Occlusion.Compute(model, x, 0, new long[] { 2 }, new long[] { 1 }, baselineValue: double.NaN), "Occlusion: baselineValue", "baselineValue");
        AssertNames(() => FeatureAblation.Compute(model, x, 0, baselineValue: double.NegativeInfinity), "FeatureAblation: baselineValue", "baselineValue");
        AssertNames(() => SmoothGrad.Compute(model, x, 0, noiseLevel: double.PositiveInfinity), "SmoothGrad: the noise level", "noiseLevel");
    }

    [Fact]
    public void A_baseline_holding_nan_is_rejected_by_name_instead_of_giving_a_nan_map()
    {
        using var scope = NewDisposeScope();
        var baseline = zeros(4);
        baseline[2] = tensor(float.NaN);

        var error = Assert.ThrowsAny<ArgumentException>(() => IntegratedGradients.Compute(AttributionModels.Linear(), randn(2, 4), 0, baseline));

        Assert.Contains("IntegratedGradients: baseline of shape [4] contains NaN", error.Message);
        Assert.Equal("baseline", error.ParamName);
    }

    [Fact]
    public void Bad_smoothgrad_integrated_gradients_and_occlusion_settings_name_the_method_and_the_argument()
    {
        using var scope = NewDisposeScope();
        var model = AttributionModels.Linear();
        var x = randn(2, 4);

        AssertNames(() => SmoothGrad.Compute(model, x, 0, samples: 0), "SmoothGrad: samples must be at least 1", "samples");
        AssertNames(() => SmoothGrad.Compute(model, x, 0, noiseLevel: -0.1), "SmoothGrad: the noise level", "noiseLevel");
        AssertNames(() => SmoothGrad.Compute(model, x, 0, noiseLevel: double.NaN), "SmoothGrad: the noise level", "noiseLevel");
        AssertNames(() => SmoothGrad.Compute(model, x, 0, chunkSize: 0), "SmoothGrad: chunkSize must be at least 1", "chunkSize");
        AssertNames(() => IntegratedGradients.Compute(model, x, 0, steps: -3), "IntegratedGradients: steps must be at least 1", "steps");
        AssertNames(() => Occlusion.Compute(model, x, 0, new long[] { 2 }, new long[] { 0 }), "Occlusion: stride [0] must give one positive size per sample dimension of x [2, 4]", "stride");
        AssertNames(() => Occlusion.Compute(model, x, 0, new long[] { 0 }, new long[] { 1 }), "Occlusion: window [0]", "window");
    }

    public static TheoryData<string> GeneratedMethods => new()
    {
        nameof(Saliency), nameof(InputXGradient), nameof(SmoothGrad), nameof(IntegratedGradients), nameof(GradCam), nameof(Occlusion),
    };

    [Theory]
    [MemberData(nameof(GeneratedMethods))]
    public void A_generated_method_given_an_input_of_the_wrong_shape_or_type_names_itself_the_argument_and_the_declared_shape(string method)
    {
        using var scope = NewDisposeScope();
        var model = GradCamTests.SquareDetectorWithWeights();

        var size = Assert.ThrowsAny<ArgumentException>(() => CallGenerated(method, model, randn(2, 1, 12, 12)));
        var type = Assert.ThrowsAny<ArgumentException>(() => CallGenerated(method, model, randn(2, 1, 16, 16, float64)));

        foreach (var error in new[] { size, type })
        {
            Assert.StartsWith($"{method}: x ", error.Message);
            Assert.Contains("input 'x' must have shape [B, 1, 16, 16]", error.Message);
            Assert.Equal("x", error.ParamName);
        }
        Assert.Contains("[2, 1, 12, 12]", size.Message);
    }

    [Fact]
    public void Generated_feature_ablation_given_too_few_features_names_itself_and_the_declared_shape()
    {
        using var scope = NewDisposeScope();

        var error = Assert.ThrowsAny<ArgumentException>(() => new TabularScorer().FeatureAblation(randn(5, 3), 0));

        Assert.StartsWith("FeatureAblation: x ", error.Message);
        Assert.Contains("[5, 3]", error.Message);
        Assert.Contains("input 'x' must have shape [B, 4]", error.Message);
    }

    private static void AssertNames(Func<object> call, string message, string argument)
    {
        var error = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Contains(message, error.Message);
        Assert.Equal(argument, error.ParamName);
    }

    private static nn.Module<Tensor, Tensor> TabularModelWithBatchNormAndDropout()
    {
        torch.manual_seed(31);
        var model = nn.Sequential(nn.Linear(6, 8), nn.BatchNorm1d(8), nn.Tanh(), nn.Dropout(0.5), nn.Linear(8, 3));
        // Running statistics that differ from a batch's own, so that batch statistics would show in the result.
        using (no_grad())
            foreach (var (name, buffer) in model.named_buffers().Where(b => b.name.EndsWith("running_mean")))
                buffer.copy_(full_like(buffer, 0.3));
        return model;
    }

    private static byte[][] Buffers(nn.Module model) => model.buffers().Select(b => b.bytes.ToArray()).ToArray();

    private static Tensor Run(string method, nn.Module<Tensor, Tensor> model, Tensor x, long target = 0) => method switch
    {
        nameof(Saliency) => Saliency.Compute(model, x, target),
        nameof(InputXGradient) => InputXGradient.Compute(model, x, target),
        nameof(SmoothGrad) => SmoothGrad.Compute(model, x, target, samples: 4, seed: 3),
        nameof(IntegratedGradients) => IntegratedGradients.Compute(model, x, target, steps: 8).Attributions,
        nameof(Occlusion) => Occlusion.Compute(model, x, target, new long[] { 2 }, new long[] { 1 }),
        nameof(FeatureAblation) => FeatureAblation.Compute(model, x, target),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "no such attribution method in this test"),
    };

    private static Tensor CallGenerated(string method, SquareDetector model, Tensor x) => method switch
    {
        nameof(Saliency) => model.Saliency(x, 1),
        nameof(InputXGradient) => model.InputXGradient(x, 1),
        nameof(SmoothGrad) => model.SmoothGrad(x, 1),
        nameof(IntegratedGradients) => model.IntegratedGradients(x, 1).Attributions,
        nameof(GradCam) => model.GradCam(x, 1),
        nameof(Occlusion) => model.Occlusion(x, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "no such generated method in this test"),
    };
}
