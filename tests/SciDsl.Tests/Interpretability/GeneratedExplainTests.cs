using SciDsl.Interpretability;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Interpretability;

/// <summary>
/// The methods <c>[Explain]</c> generates on a model (see <see cref="SquareDetector"/>, <see cref="AttentionReader"/>, <see cref="EncoderReader"/> and
/// <see cref="TabularScorer"/>) give exactly what the runtime methods give with the declared settings.
/// </summary>
public sealed class GeneratedExplainTests
{
    [Fact]
    public void Generated_attributions_equal_the_runtime_methods_with_the_declared_settings()
    {
        using var scope = NewDisposeScope();
        var model = GradCamTests.SquareDetectorWithWeights();
        var x = GradCamTests.SquaresInTopLeftQuadrant(3, seed: 9);

        Same(GradCam.Compute(model, x, 1, "features"), model.GradCam(x, 1));
        Same(Saliency.Compute(model, x, 1), model.Saliency(x, 1));
        Same(InputXGradient.Compute(model, x, 1), model.InputXGradient(x, 1));
        var ig = model.IntegratedGradients(x, 1);
        var runtimeIg = IntegratedGradients.Compute(model, x, 1, steps: 16);
        Same(runtimeIg.Attributions, ig.Attributions);
        Same(runtimeIg.Delta, ig.Delta);
        Same(IntegratedGradients.Compute(model, x, 1, steps: 4).Attributions, model.IntegratedGradients(x, 1, steps: 4).Attributions);
        Same(SmoothGrad.Compute(model, x, 1, noiseLevel: 0.1, samples: 8, seed: 2), model.SmoothGrad(x, 1, seed: 2));
        Same(Occlusion.Compute(model, x, 1, new long[] { 1, 4, 4 }, new long[] { 1, 2, 2 }), model.Occlusion(x, 1));
    }

    [Fact]
    public void Generated_tabular_attributions_equal_the_runtime_methods()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(3);
        var model = new TabularScorer();
        var x = randn(5, 4);

        Same(FeatureAblation.Compute(model, x, 2, baselineValue: 0.5), model.FeatureAblation(x, 2, baselineValue: 0.5));
        Same(IntegratedGradients.Compute(model, x, 2, steps: 64).Attributions, model.IntegratedGradients(x, 2).Attributions);
    }

    [Fact]
    public void Explanations_declared_on_an_experiment_are_static_methods_taking_its_model()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(6);
        var model = new TabularScorer();
        var x = randn(4, 4);

        Same(Saliency.Compute(model, x, 0), ExplainedExperiment.Saliency(model, x, 0));
        Same(IntegratedGradients.Compute(model, x, 0, steps: 8).Attributions, ExplainedExperiment.IntegratedGradients(model, x, 0).Attributions);
    }

    [Fact]
    public void Generated_captures_return_each_named_layer_typed_by_name()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(4);
        var model = new AttentionReader();
        var x = randn(2, 5, 8);

        var activations = model.Activations(x);
        var attention = model.AttentionWeights(x);

        var byName = model.Activations(x, "embed", "fc");
        Same(byName["embed"], activations.embed);
        Same(byName["fc"], activations.fc);
        Same(AttentionWeights.Capture(model, x, "attn")["attn"], attention.attn);
        Assert.Equal(new long[] { 2, 5, 8 }, activations.embed.shape);
        Assert.Equal(new long[] { 2, 5, 5 }, attention.attn.shape);
    }

    [Fact]
    public void Generated_attention_weights_of_a_named_encoder_are_its_per_layer_weights()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(5);
        var model = new EncoderReader();
        var x = randn(2, 5, 8);

        var attention = model.AttentionWeights(x);

        Same(AttentionWeights.Capture(model, x, "enc")["enc"], attention.enc);
        Assert.Equal(new long[] { 2, 2, 5, 5 }, attention.enc.shape);
    }

    [Fact]
    public void Generated_attributions_of_a_two_input_model_take_both_inputs_and_return_one_per_input()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(7);
        var model = new ExplainedPair();
        var (x, z) = (randn(3, 4), randn(3, 3));
        var inputs = new ModelInputs(("x", x), ("z", z));
        var zBaseline = randn(3);

        var ig = model.IntegratedGradients(x, z, 1, zBaseline: zBaseline);

        var runtimeIg = IntegratedGradients.Compute(model, inputs, 1, new Dictionary<string, Tensor> { ["z"] = zBaseline }, steps: 32);
        Same(runtimeIg.Attributions["x"], ig.Attributions.x);
        Same(runtimeIg.Attributions["z"], ig.Attributions.z);
        Same(runtimeIg.Delta, ig.Delta);
        Tensor gap;
        using (no_grad())
            gap = (model.forward(x, z) - model.forward(zeros_like(x), zBaseline.expand(3, 3)))[.., 1];
        var total = ig.Attributions.x.sum(1) + ig.Attributions.z.sum(1);
        Assert.True(((total - gap).abs() / gap.abs()).max().item<float>() <= 0.01f);

        var saliency = model.Saliency(x, z, 1);
        Same(Saliency.Compute(model, inputs, 1)["x"], saliency.x);
        Same(Saliency.Compute(model, inputs, 1)["z"], saliency.z);
        Same(InputXGradient.Compute(model, inputs, 1)["z"], model.InputXGradient(x, z, 1).z);
        Same(SmoothGrad.Compute(model, inputs, 1, samples: 4, seed: 5)["x"], model.SmoothGrad(x, z, 1, seed: 5).x);
        Same(Occlusion.Compute(model, inputs, 1, new long[] { 2 }, new long[] { 1 })["z"], model.Occlusion(x, z, 1).z);
        Same(FeatureAblation.Compute(model, inputs, 1)["x"], model.FeatureAblation(x, z, 1).x);
        Assert.Equal(z.shape, saliency.z.shape);
        Same(model.Activations(x, z).head, ActivationCapture.Capture(model, () => model.forward(x, z), "head")["head"]);
    }

    [Fact]
    public void Generated_attributions_of_a_model_with_token_ids_attribute_only_the_float_input()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(8);
        var model = new ExplainedIdsAndValues();
        var ids = randint(0, 11, new long[] { 2, 5 }, dtype: int64);
        var x = randn(2, 4);

        var ig = model.IntegratedGradients(ids, x, 2);

        Same(IntegratedGradients.Compute(model, new ModelInputs(("ids", ids), ("x", x)), 2, steps: 8).Attributions["x"], ig.Attributions.x);
        Assert.Equal(x.shape, model.Saliency(ids, x, 2).x.shape);
        Assert.Single(typeof(ExplainedIdsAndValues.NamedAttributions).GetProperties(), p => p.PropertyType == typeof(Tensor));
    }

    [Fact]
    public void Inputs_a_generated_two_input_model_cannot_take_are_named_with_the_shapes_it_declares()
    {
        using var scope = NewDisposeScope();
        var model = new ExplainedPair();
        var x = randn(2, 4);

        var shape = ShapeErrors.Naming(() => Saliency.Compute(model, new ModelInputs(("x", x), ("z", randn(2, 5))), 0),
            "Saliency: z of shape [2, 5] does not fit the model: ExplainedPair.forward: input 'z' must have shape [B, 3] but has [2, 5]");
        ShapeErrors.Naming(() => IntegratedGradients.Compute(model, new ModelInputs(("x", x)), 0),
            "IntegratedGradients: the model takes 2 input(s) but received 1 (x [2, 4])", "x: [B, 4], z: [B, 3]");
        Assert.Equal("z", shape.ParamName);
    }

    private static void Same(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.True(expected.allclose(actual, rtol: 0, atol: 0), $"max difference {(expected - actual).abs().max().to(float64).item<double>()}");
    }
}
