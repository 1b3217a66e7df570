namespace SciDsl.Tests.Metrics;

/// <summary>
/// Four samples, two labels; logits and labels below, a label predicted present where its logit is above 0.
/// Label 0: labels 1,1,0,0, predictions 1,0,1,0 (TP 1, FP 1, FN 1). Label 1: labels 0,1,0,1, predicted alike.
/// Expected values worked out by hand in each test's comment.
/// </summary>
public class MultiLabelMetricsTests
{
    private static readonly double[][] Logits = [[2, -1], [-0.5, 0.3], [0.1, -2], [-3, 1]];
    private static readonly bool[][] Labels = [[true, false], [true, true], [false, false], [false, true]];

    [Fact]
    public void Accuracy_is_the_share_of_labels_predicted_right()
    {
        Assert.Equal(0.75, MultiLabelMetrics.Accuracy(Logits, Labels), 12); // label 0 right for samples 0 and 3, label 1 for all: 6 / 8
    }

    [Fact]
    public void Macro_F1_is_the_mean_over_labels_of_each_labels_F1()
    {
        Assert.Equal((0.5 + 1.0) / 2, MultiLabelMetrics.MacroF1(Logits, Labels)!.Value, 12); // label 0: 2·1 / (2·1 + 1 + 1); label 1: 1
    }

    [Fact]
    public void ROC_AUC_is_the_mean_over_labels_of_each_labels_AUC()
    {
        // Label 0: positives score 2 and -0.5, negatives 0.1 and -3; 3 of the 4 pairs are ordered right. Label 1: all 4.
        Assert.Equal((0.75 + 1.0) / 2, MultiLabelMetrics.RocAuc(Logits, Labels)!.Value, 12);
    }

    [Fact]
    public void A_label_never_present_nor_predicted_is_left_out_of_F1_and_AUC()
    {
        double[][] logits = Logits.Select(row => row.Append(-1.0).ToArray()).ToArray();
        bool[][] labels = Labels.Select(row => row.Append(false).ToArray()).ToArray();

        Assert.Equal(0.75, MultiLabelMetrics.MacroF1(logits, labels)!.Value, 12);
        Assert.Equal(0.875, MultiLabelMetrics.RocAuc(logits, labels)!.Value, 12);
        Assert.Equal(10.0 / 12, MultiLabelMetrics.Accuracy(logits, labels), 12); // the third label is right for all four samples
    }

    [Fact]
    public void Rows_of_different_widths_are_refused_naming_the_sample()
    {
        var error = Assert.Throws<ArgumentException>(() => MultiLabelMetrics.Accuracy(Logits, [[true, false], [true], [false, false], [false, true]]));
        Assert.Contains("sample 1", error.Message);
    }
}
