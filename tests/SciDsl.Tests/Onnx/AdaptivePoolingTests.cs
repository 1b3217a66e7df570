using SciDsl.Onnx;

namespace SciDsl.Tests.Onnx;

public sealed class AdaptivePoolingTests
{
    // PyTorch's bins for 5 positions into 3: ⌊i·5/3⌋ to ⌈(i+1)·5/3⌉, i.e. [0, 2), [1, 4), [3, 5).
    private static readonly float[,] FiveIntoThree =
    {
        { 1 / 2f, 0, 0 },
        { 1 / 2f, 1 / 3f, 0 },
        { 0, 1 / 3f, 0 },
        { 0, 1 / 3f, 1 / 2f },
        { 0, 0, 1 / 2f },
    };

    [Fact]
    public void Each_column_averages_one_of_pytorchs_overlapping_bins()
    {
        float[] weights = AdaptivePooling.Weights(5, 3);

        Assert.Equal(FiveIntoThree.Cast<float>(), weights);
    }

    [Fact]
    public void Bins_first_is_the_transpose()
    {
        float[] weights = AdaptivePooling.Weights(5, 3, binsFirst: true);

        for (int position = 0; position < 5; position++)
            for (int bin = 0; bin < 3; bin++)
                Assert.Equal(FiveIntoThree[position, bin], weights[bin * 5 + position]);
    }

    [Fact]
    public void More_bins_than_positions_repeat_positions()
    {
        // 2 positions into 3 bins: [0, 1), [0, 2), [1, 2).
        Assert.Equal([1f, 0.5f, 0f, 0f, 0.5f, 1f], AdaptivePooling.Weights(2, 3));
    }
}
