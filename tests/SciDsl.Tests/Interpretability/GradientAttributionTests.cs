using SciDsl.Interpretability;
using TorchSharp;
using static TorchSharp.torch;
using static SciDsl.Tests.Interpretability.AttributionModels;

namespace SciDsl.Tests.Interpretability;

/// <summary>Saliency, Input × Gradient and SmoothGrad against the gradient of a linear model, which is its weight row.</summary>
public sealed class GradientAttributionTests
{
    private const long Target = 1;

    [Fact]
    public void Saliency_of_a_linear_model_is_the_absolute_target_weight_row_for_every_sample()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(3);
        var x = randn(5, 4);

        var saliency = Saliency.Compute(Linear(), x, Target);

        var expected = TargetRow().abs().expand(5, 4);
        Assert.Equal(new long[] { 5, 4 }, saliency.shape);
        Assert.True(saliency.allclose(expected, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void Input_x_gradient_of_a_linear_model_is_x_times_the_target_weight_row()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(4);
        var x = randn(5, 4);

        var attributions = InputXGradient.Compute(Linear(), x, Target);

        Assert.True(attributions.allclose(x * TargetRow(), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void SmoothGrad_of_a_linear_model_is_the_weight_row_because_noise_does_not_change_a_constant_gradient()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(5);
        var x = randn(3, 4);

        var smoothed = SmoothGrad.Compute(Linear(), x, Target, noiseLevel: 0.3, samples: 10, chunkSize: 7);

        Assert.True(smoothed.allclose(TargetRow().expand(3, 4), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void SmoothGrad_is_reproducible_from_its_seed_and_averages_gradients_at_noisy_inputs()
    {
        using var scope = NewDisposeScope();
        var model = TanhMlp(6);
        torch.manual_seed(7);
        var x = randn(4, 6);

        var first = SmoothGrad.Compute(model, x, 0, noiseLevel: 0.2, samples: 16, seed: 11, chunkSize: 5);
        var again = SmoothGrad.Compute(model, x, 0, noiseLevel: 0.2, samples: 16, seed: 11, chunkSize: 64);
        var otherSeed = SmoothGrad.Compute(model, x, 0, noiseLevel: 0.2, samples: 16, seed: 12);
        var noiseless = SmoothGrad.Compute(model, x, 0, noiseLevel: 0, samples: 4);

        Assert.True(first.allclose(again, rtol: 0, atol: 1e-6));
        Assert.False(first.allclose(otherSeed, rtol: 0, atol: 1e-4));
        Assert.False(first.allclose(noiseless, rtol: 0, atol: 1e-4));
        Assert.True(noiseless.allclose(PlainGradient(model, x, 0), rtol: 0, atol: 1e-6));
    }

    private static Tensor TargetRow() => tensor(LinearWeight)[Target].unsqueeze(0);

    // The gradient the ordinary way (backward on the input) for comparison with the methods' batched gradients.
    private static Tensor PlainGradient(nn.Module<Tensor, Tensor> model, Tensor x, long target)
    {
        model.eval();
        var input = x.detach().clone().requires_grad_(true);
        model.forward(input)[TensorIndex.Colon, target].sum().backward();
        return input.grad!.detach().clone();
    }
}
