namespace SciDsl.Tests.Metrics;

/// <summary>Predictions [1,2,3,4] against targets [1.5,2,2,5]: errors −0.5, 0, 1, −1.</summary>
public class RegressionMetricsTests
{
    private static readonly double[] Predicted = [1, 2, 3, 4];
    private static readonly double[] Targets = [1.5, 2, 2, 5];

    [Fact]
    public void Mean_squared_error()
    {
        Assert.Equal(0.5625, RegressionErrors.MeanSquared(Predicted, Targets), 12); // (0.25 + 0 + 1 + 1) / 4
    }

    [Fact]
    public void Mean_absolute_error()
    {
        Assert.Equal(0.625, RegressionErrors.MeanAbsolute(Predicted, Targets), 12); // (0.5 + 0 + 1 + 1) / 4
    }

    [Fact]
    public void R_squared_of_one_output()
    {
        // Mean target 2.625; total sum of squares 1.265625 + 0.390625 + 0.390625 + 5.640625 = 7.6875; residual 2.25.
        Assert.Equal(1 - 2.25 / 7.6875, RSquared.Of(Predicted, Targets, outputs: 1)!.Value, 12);
    }

    [Fact]
    public void R_squared_of_two_outputs_is_the_mean_over_columns()
    {
        // Column 0: targets 1, 2, 4 (mean 7/3, total 42/9), residual 1. Column 1: targets 11, 19, 30 (mean 20, total 182), residual 2.
        double[] predicted = [1, 10, 2, 20, 3, 30], targets = [1, 11, 2, 19, 4, 30];
        double expected = ((1 - 1 / (42.0 / 9)) + (1 - 2 / 182.0)) / 2;
        Assert.Equal(expected, RSquared.Of(predicted, targets, outputs: 2)!.Value, 12);
    }

    [Fact]
    public void R_squared_is_undefined_for_constant_targets()
    {
        Assert.Null(RSquared.Of([1, 2], [3, 3], outputs: 1));
    }
}
