namespace SciDsl.Tests.Metrics;

/// <summary>
/// Targets [0,0,0,1,1,2], predictions [0,0,1,1,2,2]: rows of the confusion matrix [2,1,0], [0,1,1], [0,0,1].
/// Expected values worked out by hand in each test's comment.
/// </summary>
public class ClassificationMetricsTests
{
    private static readonly ConfusionMatrix Matrix = ConfusionMatrix.From([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2], classes: 3);

    [Fact]
    public void The_confusion_matrix_counts_true_classes_by_row_and_predictions_by_column()
    {
        Assert.Equal([[2L, 1, 0], [0, 1, 1], [0, 0, 1]], Matrix.Counts);
    }

    [Fact]
    public void Accuracy_is_the_diagonal_over_the_total()
    {
        Assert.Equal(4.0 / 6, Accuracy.Of(Matrix), 12); // (2 + 1 + 1) / 6
    }

    [Fact]
    public void Balanced_accuracy_is_the_mean_recall()
    {
        Assert.Equal((2.0 / 3 + 1.0 / 2 + 1.0) / 3, BalancedAccuracy.Of(Matrix), 12); // recalls 2/3, 1/2, 1/1
    }

    [Fact]
    public void Macro_F1_is_the_mean_of_the_per_class_F1()
    {
        // F1 = 2TP / (actual + predicted): class 0 4/5, class 1 2/4, class 2 2/3.
        Assert.Equal((0.8 + 0.5 + 2.0 / 3) / 3, MacroF1.Of(Matrix), 12);
    }

    [Fact]
    public void A_class_outside_the_range_is_refused_naming_the_sample()
    {
        var error = Assert.Throws<ArgumentException>(() => ConfusionMatrix.From([0, 3], [0, 0], classes: 3));
        Assert.Contains("Sample 1 has target 3", error.Message);
    }

    [Fact]
    public void Binary_ROC_AUC_counts_ties_as_one_half()
    {
        // Positives 0.35, 0.8, 0.4 against negatives 0.1, 0.4: wins 1 + 2 + 1, one tie (0.4 vs 0.4) → 4.5 of 6 pairs.
        double? auc = RocAuc.Binary([0.1, 0.4, 0.35, 0.8, 0.4], [false, false, true, true, true]);
        Assert.Equal(0.75, auc!.Value, 12);
    }

    [Fact]
    public void Binary_ROC_AUC_is_one_half_when_every_score_ties_and_one_when_the_scores_separate()
    {
        Assert.Equal(0.5, RocAuc.Binary([0.5, 0.5, 0.5, 0.5], [true, false, true, false])!.Value, 12);
        Assert.Equal(1.0, RocAuc.Binary([0.9, 0.1, 0.8, 0.2], [true, false, true, false])!.Value, 12);
        Assert.Null(RocAuc.Binary([0.9, 0.1], [true, true]));
    }

    [Fact]
    public void One_vs_rest_ROC_AUC_is_the_mean_over_classes()
    {
        // Class 0: 0.7 beats 0.2, 0.1, 0.4 → 1. Class 1: 0.5 beats 0.2, 0.3; 0.25 beats 0.2 but not 0.3 → 3/4.
        // Class 2: 0.6 beats 0.1, 0.3, 0.35 → 1. Mean 11/12.
        double[][] scores = [[0.7, 0.2, 0.1], [0.2, 0.5, 0.3], [0.1, 0.3, 0.6], [0.4, 0.25, 0.35]];
        Assert.Equal(11.0 / 12, RocAuc.OneVsRest(scores, [0, 1, 2, 1], classes: 3)!.Value, 12);
    }

    [Fact]
    public void One_vs_rest_ROC_AUC_leaves_out_a_class_without_positives()
    {
        // Only classes 0 and 1 occur: class 0 → 1 (0.7 beats 0.2), class 1 → 1 (0.5 beats 0.2); class 2 has no positives.
        double[][] scores = [[0.7, 0.2, 0.1], [0.2, 0.5, 0.3]];
        Assert.Equal(1.0, RocAuc.OneVsRest(scores, [0, 1], classes: 3)!.Value, 12);
    }
}
