using SciDsl.Interpretability;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Interpretability;

/// <summary>Named layers' outputs captured from one forward pass equal the layers run by hand.</summary>
public sealed class ActivationCaptureTests
{
    [Fact]
    public void Captured_activations_equal_the_layers_run_by_hand()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(5);
        var model = new AttentionReader();
        var x = randn(3, 5, 8);

        var captured = model.Activations(x, "embed", "fc");

        model.eval();
        using var noGradient = no_grad();
        var embedded = model.embed.forward(x);
        Assert.Equal(new[] { "embed", "fc" }, captured.Keys.Order());
        Assert.True(captured["embed"].allclose(embedded, rtol: 0, atol: 0));
        Assert.True(captured["fc"].allclose(model.forward(x), rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Capture_runs_in_eval_mode_and_gives_the_modes_back()
    {
        using var scope = NewDisposeScope();
        var model = GradCamTests.SquareDetectorWithWeights();
        model.train();
        var x = GradCamTests.SquaresInTopLeftQuadrant(2, seed: 6);

        var captured = model.Activations(x, "features");

        Assert.True(model.training);
        Assert.All(model.modules(), m => Assert.True(m.training));
        Assert.Equal(new long[] { 2, 2, 8, 8 }, captured["features"].shape);
        Assert.False(captured["features"].requires_grad);
        using var noGradient = no_grad();
        Assert.True(captured["features"].allclose(model.features.forward(x), rtol: 0, atol: 0));
    }

    [Fact]
    public void An_unknown_layer_is_named_with_the_closest_known_one()
    {
        using var scope = NewDisposeScope();
        var error = Assert.ThrowsAny<ArgumentException>(() => new AttentionReader().Activations(randn(1, 5, 8), "atn"));

        Assert.Contains("Activations: the model has no layer 'atn'", error.Message);
        Assert.Contains("did you mean 'attn'?", error.Message);
    }
}
