using SciDsl.Interpretability;
using SciDsl.Samples.Digits;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace SciDsl.Tests.Interpretability;

/// <summary>
/// Attribution checks that need a trained model (issue 8, item 3): Integrated Gradients' completeness on the trained
/// digits CNN, and the model-randomisation sanity check of Adebayo et al. (2018) — attributions that barely change when
/// the weights are re-initialised would explain the architecture, not what the model learned.
/// </summary>
public sealed class TrainedModelAttributionTests(ITestOutputHelper output)
{
    internal static readonly Lazy<(DigitCnn Model, Tensor Images, Tensor Labels)> Trained = new(() => Train(7));
    private static readonly Lazy<(DigitCnn Model, Tensor Images, Tensor Labels)> TrainedWithAnotherSeed = new(() => Train(8));

    [Theory]
    [InlineData(IntegrationRule.RiemannMidpoint)]
    [InlineData(IntegrationRule.GaussLegendre)]
    public void Integrated_gradients_of_the_trained_digits_cnn_sum_to_the_score_gap_within_one_percent_at_64_steps(IntegrationRule rule)
    {
        var (model, images, labels) = Trained.Value;
        using var scope = NewDisposeScope();
        var x = images[..16];
        for (long i = 0; i < 16; i++)
        {
            long target = labels[i].item<long>();
            var sample = x.narrow(0, i, 1);
            var result = IntegratedGradients.Compute(model, sample, target, steps: 64, rule: rule);

            model.eval();
            double gap;
            using (no_grad())
                gap = (model.forward(sample) - model.forward(zeros_like(sample)))[0, target].item<float>();
            double attributed = result.Attributions.sum().item<float>();
            output.WriteLine($"sample {i}: gap {gap:F4}, attributed {attributed:F4}");
            Assert.True(Math.Abs(attributed - gap) <= 0.01 * Math.Abs(gap),
                $"sample {i}, class {target}: attributions sum to {attributed}, the score gap is {gap}");
        }
    }

    [Fact]
    public void Saliency_of_the_trained_cnn_has_low_rank_correlation_with_that_of_a_re_initialised_one()
    {
        var (trained, images, labels) = Trained.Value;
        using var scope = NewDisposeScope();
        torch.manual_seed(1234);
        var randomised = new DigitCnn();
        var x = images[..32];
        var target = labels[..32];

        double trainedVsRandom = MeanSpearman(SaliencyPerSample(trained, x, target), SaliencyPerSample(randomised, x, target));
        double trainedVsItself = MeanSpearman(SaliencyPerSample(trained, x, target), SaliencyPerSample(trained, x, target));
        double trainedVsRetrained = MeanSpearman(SaliencyPerSample(trained, x, target), SaliencyPerSample(TrainedWithAnotherSeed.Value.Model, x, target));
        output.WriteLine($"mean Spearman: trained vs re-initialised {trainedVsRandom:F3}, vs trained from another seed {trainedVsRetrained:F3}, vs itself {trainedVsItself:F3}");

        Assert.Equal(1.0, trainedVsItself, 6);
        Assert.True(trainedVsRandom < 0.5, $"mean Spearman correlation with the re-initialised model is {trainedVsRandom}");
        // What was learned carries over between seeds; a map that ignored the weights would score alike on both.
        Assert.True(trainedVsRetrained > trainedVsRandom + 0.2,
            $"trained vs retrained {trainedVsRetrained}, trained vs re-initialised {trainedVsRandom}");
    }

    private static Tensor SaliencyPerSample(nn.Module<Tensor, Tensor> model, Tensor x, Tensor targets)
    {
        var rows = new List<Tensor>();
        for (long i = 0; i < x.shape[0]; i++)
            rows.Add(Saliency.Compute(model, x.narrow(0, i, 1), targets[i].item<long>()).reshape(-1));
        return stack(rows);
    }

    /// <summary>Mean over samples of Spearman's ρ between two attribution maps.</summary>
    private static double MeanSpearman(Tensor a, Tensor b) =>
        Enumerable.Range(0, (int)a.shape[0]).Average(i =>
            SpearmanCorrelation.Compute(
                a[i].to(float64).data<double>().ToArray(), b[i].to(float64).data<double>().ToArray())!.Value);

    /// <summary>The digits CNN trained for 6 epochs from <paramref name="seed"/> on the first 1,437 images; the rest are returned for explaining.</summary>
    internal static (DigitCnn, Tensor, Tensor) Train(int seed)
    {
        var data = new DigitImages().Load();
        torch.manual_seed(seed);
        var model = new DigitCnn();
        using var optimizer = optim.Adam(model.parameters(), 2e-3);
        var trainX = data.Features[..1437];
        var trainY = data.Targets[..1437];
        var generator = new Generator((ulong)seed);
        model.train();
        for (int epoch = 0; epoch < 6; epoch++)
        {
            var order = randperm(1437, generator: generator);
            for (long start = 0; start < 1437; start += 32)
            {
                using var scope = NewDisposeScope();
                var index = order.narrow(0, start, Math.Min(32, 1437 - start));
                var loss = nn.functional.cross_entropy(model.forward(trainX.index_select(0, index)), trainY.index_select(0, index));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
        }
        model.eval();
        return (model, data.Features[1437..].detach().clone(), data.Targets[1437..].detach().clone());
    }
}
