namespace SciDsl.Tests.Metrics;

/// <summary>Spearman's ρ against hand-computed values, ties included.</summary>
public sealed class SpearmanCorrelationTests
{
    [Fact]
    public void Same_and_reversed_orders_give_one_and_minus_one_whatever_the_scale()
    {
        Assert.Equal(1.0, SpearmanCorrelation.Compute([1, 2, 3, 4], [10, 200, 3000, 40000])!.Value, 12);
        Assert.Equal(-1.0, SpearmanCorrelation.Compute([1, 2, 3, 4], [4, 3, 2, 1])!.Value, 12);
    }

    [Fact]
    public void Ties_share_their_mean_rank()
    {
        Assert.Equal([1.0, 2.5, 2.5, 4.0], SpearmanCorrelation.Ranks([0.1, 0.5, 0.5, 0.9]));
        // Ranks (1, 2.5, 2.5, 4) against (1, 3, 2, 4): deviations (−1.5, 0, 0, 1.5) and (−1.5, 0.5, −0.5, 1.5),
        // covariance 4.5, variances 4.5 and 5, so ρ = 4.5 / √22.5.
        Assert.Equal(4.5 / Math.Sqrt(22.5), SpearmanCorrelation.Compute([0.1, 0.5, 0.5, 0.9], [1, 3, 2, 4])!.Value, 12);
    }

    [Fact]
    public void A_constant_list_has_no_correlation_and_bad_input_is_rejected()
    {
        Assert.Null(SpearmanCorrelation.Compute([1, 1, 1], [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => SpearmanCorrelation.Compute([1, 2], [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => SpearmanCorrelation.Compute([1, double.NaN], [1, 2]));
    }
}
