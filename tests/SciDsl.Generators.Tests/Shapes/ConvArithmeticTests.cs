using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Tests.Shapes;

/// <summary>Sliding-window output sizes over symbolic and concrete dims.</summary>
public class ConvArithmeticTests
{
    private static readonly Dim H = Dim.Symbol("H");

    [Fact]
    public void Same_padding_kernel_3_keeps_the_size() =>
        Assert.Equal(H, ConvArithmetic.OutputSize(H, kernel: 3, stride: 1, padding: 1));

    [Fact]
    public void Kernel_3_stride_2_padding_1_halves_rounding_up() =>
        Assert.Equal(DimTests.Parse("(H - 1) / 2 + 1"), ConvArithmetic.OutputSize(H, kernel: 3, stride: 2, padding: 1));

    [Fact]
    public void Two_2x2_poolings_quarter_the_size()
    {
        var once = ConvArithmetic.OutputSize(H, kernel: 2, stride: 2, padding: 0);
        var twice = ConvArithmetic.OutputSize(once, kernel: 2, stride: 2, padding: 0);

        Assert.Equal("H / 4", twice.ToString());
    }

    [Fact]
    public void Dilation_widens_the_kernel() =>
        Assert.Equal(DimTests.Parse("H - 4"), ConvArithmetic.OutputSize(H, kernel: 3, stride: 1, padding: 0, dilation: 2));

    [Theory]
    [InlineData(28, 3, 1, 1, 1, 28)]
    [InlineData(28, 2, 2, 0, 1, 14)]
    [InlineData(7, 3, 2, 1, 1, 4)]
    [InlineData(4, 5, 1, 0, 1, 0)]
    [InlineData(32, 5, 3, 2, 2, 10)]
    public void Concrete_sizes_match_the_PyTorch_formula(long input, int kernel, int stride, int padding, int dilation, long expected) =>
        Assert.Equal(Dim.Of(expected), ConvArithmetic.OutputSize(Dim.Of(input), kernel, stride, padding, dilation));
}
