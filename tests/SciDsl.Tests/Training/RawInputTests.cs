using TorchSharp;

namespace SciDsl.Tests.Training;

/// <summary>What a user hands to prediction and reads back: one sample without its batch dim, a confusion matrix printed.</summary>
public class RawInputTests
{
    [Fact]
    public void One_sample_without_its_batch_dim_is_refused_saying_how_to_make_it_a_batch()
    {
        var normalization = Normalization.Fit(TensorData.Unlabelled(torch.tensor(new float[] { 1, 2, 3, 5, 4, 9 }, [3, 2])), NormalizeOver.Feature);

        var error = Assert.Throws<ArgumentException>(() => normalization.Apply(TensorData.Unlabelled(torch.tensor(new float[] { 1, 2 }))));

        Assert.Contains("a batch [N, 2]", error.Message);
        Assert.Contains(".unsqueeze(0)", error.Message);
    }

    [Fact]
    public void A_batch_of_another_feature_shape_gets_no_unsqueeze_advice()
    {
        var normalization = Normalization.Fit(TensorData.Unlabelled(torch.zeros(3, 2) + torch.arange(3).reshape(3, 1)), NormalizeOver.Feature);

        var error = Assert.Throws<ArgumentException>(() => normalization.Apply(TensorData.Unlabelled(torch.zeros(3, 5))));

        Assert.Contains("a batch [N, 2]", error.Message);
        Assert.DoesNotContain("unsqueeze", error.Message);
    }

    [Fact]
    public void A_confusion_matrix_prints_as_a_table_of_true_rows_and_predicted_columns()
    {
        var matrix = ConfusionMatrix.From([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2], classes: 3);

        // The corner "true \ predicted" is 16 characters wide; the first column lines up under it.
        Assert.Equal(
            "true \\ predicted 0 1 2\n" +
            "0                2 1 0\n" +
            "1                0 1 1\n" +
            "2                0 0 1", $"{matrix}".ReplaceLineEndings("\n"));
    }
}
