namespace SciDsl.Tests.Metrics;

/// <summary>
/// Masks of 8 pixels: predicted 1 1 1 0 0 1 0 0, truth 1 1 0 0 1 1 1 0. Both: pixels 0, 1, 5 (3);
/// either: 0, 1, 2, 4, 5, 6 (6); predicted 4 pixels, true 5.
/// </summary>
public class OverlapMetricsTests
{
    private static readonly bool[] Predicted = [true, true, true, false, false, true, false, false];
    private static readonly bool[] Truth = [true, true, false, false, true, true, true, false];

    [Fact]
    public void Intersection_over_union_of_two_masks()
    {
        Assert.Equal(3.0 / 6, Overlap.IntersectionOverUnion(Predicted, Truth), 12);
    }

    [Fact]
    public void Dice_of_two_masks()
    {
        Assert.Equal(2.0 * 3 / (4 + 5), Overlap.Dice(Predicted, Truth), 12);
    }

    [Fact]
    public void Two_empty_masks_agree_perfectly()
    {
        bool[] empty = [false, false, false];
        Assert.Equal(1, Overlap.IntersectionOverUnion(empty, empty));
        Assert.Equal(1, Overlap.Dice(empty, empty));
    }

    [Fact]
    public void Mean_iou_averages_the_classes_present_and_leaves_out_absent_ones()
    {
        // Classes 0..3; class 3 appears nowhere. Pixels (predicted, truth): (0,0) (0,1) (1,1) (1,1) (2,2) (2,0)
        // Class 0: intersection 1 (pixel 0), union {0, 1, 5} = 3 → 1/3. Class 1: intersection 2 (pixels 2, 3),
        // union {1, 2, 3} = 3 → 2/3. Class 2: intersection 1 (pixel 4), union {4, 5} = 2 → 1/2. Mean (1/3 + 2/3 + 1/2) / 3 = 1/2.
        long[] predicted = [0, 0, 1, 1, 2, 2];
        long[] truth = [0, 1, 1, 1, 2, 0];
        Assert.Equal(0.5, Overlap.MeanIntersectionOverUnion(predicted, truth, classes: 4), 12);
    }

    [Fact]
    public void Masks_of_different_sizes_and_classes_out_of_range_are_refused()
    {
        var sizes = Assert.Throws<ArgumentException>(() => Overlap.Dice([true], [true, false]));
        Assert.Contains("1 predicted pixels but 2 true pixels", sizes.Message);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => Overlap.MeanIntersectionOverUnion([0, 4], [0, 1], classes: 4));
        Assert.Contains("Pixel 1 has class 4, outside [0, 4)", range.Message);
    }
}
