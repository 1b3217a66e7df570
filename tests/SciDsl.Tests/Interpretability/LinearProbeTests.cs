using SciDsl.Interpretability;
using TorchSharp;
using static TorchSharp.torch;
using static SciDsl.Tests.Interpretability.Representations;

namespace SciDsl.Tests.Interpretability;

/// <summary>Linear probes decode what is linearly present and nothing from noise.</summary>
public sealed class LinearProbeTests
{
    private const int Classes = 3;

    [Fact]
    public void A_classifier_probe_reads_linearly_separable_classes_perfectly_and_noise_at_chance()
    {
        torch.manual_seed(31);
        using var scope = NewDisposeScope();
        var centres = 4 * Gaussian(Classes, 32);
        var (trainLabels, testLabels) = (randint(Classes, 300), randint(Classes, 600));
        Tensor Around(Tensor labels) => centres.index_select(0, labels) + 0.5 * Gaussian(labels.shape[0], 32);

        var separable = LinearProbe.Classifier(Around(trainLabels), trainLabels, Around(testLabels), testLabels);
        var noise = LinearProbe.Classifier(Gaussian(300, 32), trainLabels, Gaussian(600, 32), testLabels);

        Assert.True(separable.Test >= 0.99, $"held-out accuracy on separable activations {separable.Test}");
        // Chance is 1/3; with 600 held-out samples its standard error is about 0.02.
        Assert.InRange(noise.Test, 0.2, 0.45);
        Assert.True(noise.Train > noise.Test, "the noise probe fits its own training split better than held-out data");
    }

    [Fact]
    public void A_regression_probe_recovers_a_linear_target_and_not_an_unrelated_one()
    {
        torch.manual_seed(32);
        using var scope = NewDisposeScope();
        var weights = Gaussian(16, 2);
        var (train, test) = (Gaussian(400, 16), Gaussian(200, 16));

        var linear = LinearProbe.Regression(train, train.mm(weights) + 0.1 * Gaussian(400, 2), test, test.mm(weights) + 0.1 * Gaussian(200, 2));
        var unrelated = LinearProbe.Regression(train, Gaussian(400, 1).squeeze(1), test, Gaussian(200, 1).squeeze(1));

        Assert.True(linear.Test > 0.99, $"held-out R² {linear.Test}");
        Assert.True(unrelated.Test < 0.05, $"held-out R² on an unrelated target {unrelated.Test}");
    }

    [Fact]
    public void Shape_errors_name_both_shapes()
    {
        using var scope = NewDisposeScope();
        ShapeErrors.Naming(() => LinearProbe.Classifier(randn(10, 4), randint(Classes, 9), randn(5, 4), randint(Classes, 5)), "[9]", "[10, 4]");
        ShapeErrors.Naming(() => LinearProbe.Regression(randn(10, 4), randn(10), randn(5, 3), randn(5)), "[10, 4]", "[5, 3]");
        var floatLabels = Assert.Throws<ArgumentException>(() => LinearProbe.Classifier(randn(10, 4), randn(10), randn(5, 4), randint(Classes, 5)));
        Assert.Contains("integer class indices", floatLabels.Message);
    }
}
