using SciDsl.Interpretability;
using TorchSharp;
using static TorchSharp.torch;
using static SciDsl.Tests.Interpretability.AttributionModels;

namespace SciDsl.Tests.Interpretability;

/// <summary>Integrated Gradients against its closed form on a linear model and its completeness axiom on nonlinear ones.</summary>
public sealed class IntegratedGradientsTests
{
    [Theory]
    [InlineData(IntegrationRule.RiemannMidpoint)]
    [InlineData(IntegrationRule.GaussLegendre)]
    public void On_a_linear_model_attributions_are_x_minus_baseline_times_the_target_weight_row(IntegrationRule rule)
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(8);
        var x = randn(5, 4);
        var baseline = randn(4);

        var zeroBaseline = IntegratedGradients.Compute(Linear(), x, 1, rule: rule);
        var withBaseline = IntegratedGradients.Compute(Linear(), x, 1, baseline, steps: 16, rule: rule);

        var row = tensor(LinearWeight)[1].unsqueeze(0);
        Assert.True(zeroBaseline.Attributions.allclose(x * row, rtol: 0, atol: 1e-5));
        Assert.True(withBaseline.Attributions.allclose((x - baseline) * row, rtol: 0, atol: 1e-5));
        Assert.True(withBaseline.Delta.abs().max().item<double>() < 1e-5);
    }

    [Theory]
    [InlineData(IntegrationRule.RiemannMidpoint)]
    [InlineData(IntegrationRule.GaussLegendre)]
    public void Attributions_of_a_tanh_mlp_sum_to_the_score_gap_within_one_percent_at_64_steps(IntegrationRule rule)
    {
        using var scope = NewDisposeScope();
        var model = TanhMlp(9);
        torch.manual_seed(10);
        var x = 2 * randn(8, 6);

        AssertComplete(model, x, target: 2, rule);
    }

    [Theory]
    [InlineData(IntegrationRule.RiemannMidpoint)]
    [InlineData(IntegrationRule.GaussLegendre)]
    public void Attributions_of_a_tanh_cnn_sum_to_the_score_gap_within_one_percent_at_64_steps(IntegrationRule rule)
    {
        using var scope = NewDisposeScope();
        var model = TanhCnn(11);
        torch.manual_seed(12);
        var x = 2 * randn(6, 1, 8, 8);

        AssertComplete(model, x, target: 0, rule);
    }

    [Fact]
    public void Gauss_legendre_converges_faster_than_the_midpoint_rule_at_few_steps()
    {
        using var scope = NewDisposeScope();
        var model = TanhMlp(13);
        torch.manual_seed(14);
        var x = 3 * randn(8, 6);

        double midpoint = IntegratedGradients.Compute(model, x, 0, steps: 4).Delta.abs().sum().item<double>();
        double gauss = IntegratedGradients.Compute(model, x, 0, steps: 4, rule: IntegrationRule.GaussLegendre).Delta.abs().sum().item<double>();

        Assert.True(gauss < midpoint / 2, $"Gauss–Legendre |delta| {gauss} vs midpoint {midpoint}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(64)]
    public void Gauss_legendre_weights_sum_to_one_and_integrate_degree_2n_minus_1_exactly(int steps)
    {
        var (alphas, weights) = Quadrature.On01(IntegrationRule.GaussLegendre, steps);
        int degree = 2 * steps - 1;

        Assert.Equal(1, weights.Sum(), 1e-12);
        Assert.All(alphas, a => Assert.InRange(a, 0, 1));
        Assert.Equal(1.0 / (degree + 1), alphas.Zip(weights, (a, w) => w * Math.Pow(a, degree)).Sum(), 1e-12);
        Assert.Equal(Math.Sin(1) - Math.Sin(0), alphas.Zip(weights, (a, w) => w * Math.Cos(a)).Sum(), steps == 1 ? 0.05 : 1e-9);
    }

    [Theory]
    [InlineData(IntegrationRule.RiemannMidpoint)]
    [InlineData(IntegrationRule.GaussLegendre)]
    public void Chunked_evaluation_gives_the_same_attributions_as_one_pass(IntegrationRule rule)
    {
        using var scope = NewDisposeScope();
        var model = TanhCnn(15);
        torch.manual_seed(16);
        var x = randn(5, 1, 8, 8);

        var onePass = IntegratedGradients.Compute(model, x, 1, steps: 20, rule: rule, chunkSize: 100);
        var chunked = IntegratedGradients.Compute(model, x, 1, steps: 20, rule: rule, chunkSize: 7);

        Assert.True(chunked.Attributions.allclose(onePass.Attributions, rtol: 0, atol: 1e-6));
        Assert.True(chunked.Delta.allclose(onePass.Delta, rtol: 0, atol: 1e-6));
    }

    private static void AssertComplete(nn.Module<Tensor, Tensor> model, Tensor x, long target, IntegrationRule rule)
    {
        var result = IntegratedGradients.Compute(model, x, target, steps: 64, rule: rule);

        model.eval();
        using var _ = no_grad();
        var gap = (model.forward(x) - model.forward(zeros_like(x)))[TensorIndex.Colon, target].to(float64);
        var sums = result.Attributions.reshape(x.shape[0], -1).sum(1).to(float64);
        Assert.True(gap.abs().min().item<double>() > 0.05, "the test needs samples whose score differs from the baseline's");
        Assert.True((sums - gap).allclose(result.Delta, rtol: 0, atol: 1e-5), "delta is Σ attributions − (f(x) − f(baseline))");
        var relative = (result.Delta.abs() / gap.abs()).max().item<double>();
        Assert.True(relative < 0.01, $"completeness error {relative:P3} with {rule}");
    }
}
