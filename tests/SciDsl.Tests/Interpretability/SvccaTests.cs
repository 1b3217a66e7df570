using SciDsl.Interpretability;
using TorchSharp;
using static TorchSharp.torch;
using static SciDsl.Tests.Interpretability.Representations;

namespace SciDsl.Tests.Interpretability;

/// <summary>SVCCA against the subspace relations it is meant to detect.</summary>
public sealed class SvccaTests
{
    [Fact]
    public void A_random_rotation_of_a_representation_is_found_identical()
    {
        torch.manual_seed(21);
        using var scope = NewDisposeScope();
        var x = Gaussian(500, 12).mm(Gaussian(12, 12)); // correlated features, unequal variances
        var rotated = x.mm(RandomRotation(12));

        var result = Svcca.ByVariance(x, rotated);

        Assert.True(result.Mean >= 0.99, $"mean canonical correlation {result.Mean}");
        Assert.Equal(result.DirectionsX, result.DirectionsY);
        Assert.Equal(Math.Min(result.DirectionsX, result.DirectionsY), result.Correlations.Count);
    }

    [Fact]
    public void Independent_representations_have_low_canonical_correlations()
    {
        torch.manual_seed(22);
        using var scope = NewDisposeScope();

        var result = Svcca.TopDirections(Gaussian(2000, 10), Gaussian(2000, 10), directions: 10);

        Assert.Equal(10, result.Correlations.Count);
        Assert.True(result.Mean < 0.15, $"mean canonical correlation {result.Mean}");
    }

    [Fact]
    public void The_variance_threshold_keeps_only_the_directions_that_carry_the_signal()
    {
        torch.manual_seed(23);
        using var scope = NewDisposeScope();
        var signal = Gaussian(600, 3);
        // Three strong directions spread over 20 features, plus faint noise in all 20.
        var wide = signal.mm(Gaussian(3, 20)) + 1e-3 * Gaussian(600, 20);

        var result = Svcca.ByVariance(signal, wide);

        Assert.Equal(3, result.DirectionsX);
        Assert.Equal(3, result.DirectionsY);
        Assert.True(result.Mean >= 0.99, $"mean canonical correlation {result.Mean}");
        Assert.Equal(5, Svcca.TopDirections(signal, wide, directions: 5).DirectionsY);
        Assert.Equal(3, Svcca.TopDirections(signal, wide, directions: 5).DirectionsX); // x has only 3 features
    }

    [Fact]
    public void Shape_errors_name_both_shapes()
    {
        using var scope = NewDisposeScope();
        ShapeErrors.Naming(() => Svcca.ByVariance(randn(20, 4), randn(19, 4)), "[20, 4]", "[19, 4]");
        ShapeErrors.Naming(() => Svcca.TopDirections(randn(6, 10), randn(6, 12), directions: 8), "[6, 10]", "[6, 12]");
        ShapeErrors.Naming(() => Svcca.ByVariance(randn(20), randn(20, 4)), "[20]");
        Assert.Throws<ArgumentOutOfRangeException>(() => Svcca.ByVariance(randn(20, 4), randn(20, 4), varianceFraction: 0));
    }
}
