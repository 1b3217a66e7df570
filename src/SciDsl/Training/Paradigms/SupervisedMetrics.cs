using TorchSharp;

namespace SciDsl;

/// <summary>The validation metrics that fit a supervised loss, from the whole pass's outputs and targets.</summary>
internal static class SupervisedMetrics
{
    /// <param name="outputs">For class losses one row of logits per sample, pixel or node (<c>[positions, classes]</c>).</param>
    /// <param name="targets">Class indices of any shape with as many elements as <paramref name="outputs"/> has rows; -1 (no label) is left out.</param>
    public static Evaluation Evaluate(Loss loss, double meanLoss, torch.Tensor outputs, torch.Tensor targets, int targetSize)
    {
        var metrics = new Dictionary<string, double>();
        switch (loss)
        {
            case Loss.CrossEntropy or Loss.Dice:
            {
                bool perSample = targets.dim() == 1;
                var labelled = targets.flatten().ge(0).nonzero().flatten();
                var scores = outputs.index_select(0, labelled);
                long[] truth = targets.flatten().index_select(0, labelled).data<long>().ToArray();
                var matrix = ConfusionMatrix.From(truth, scores.argmax(1).data<long>().ToArray(), targetSize);
                metrics["accuracy"] = Accuracy.Of(matrix);
                metrics["balanced_accuracy"] = BalancedAccuracy.Of(matrix);
                metrics["macro_f1"] = MacroF1.Of(matrix);
                metrics["iou"] = Overlap.MeanIntersectionOverUnion(matrix);
                metrics["dice"] = Overlap.MeanDice(matrix);
                // Per pixel or node there are far more rows than a rank statistic over all of them is worth.
                if (perSample && RocAuc.OneVsRest(Rows(scores.softmax(1)), truth, targetSize) is { } auc) metrics["roc_auc"] = auc;
                return new Evaluation(meanLoss, metrics, matrix);
            }
            case Loss.MSE or Loss.L1 or Loss.Huber:
            {
                double[] predicted = Flat(outputs), truth = Flat(targets.reshape(outputs.shape));
                metrics["mse"] = RegressionErrors.MeanSquared(predicted, truth);
                metrics["mae"] = RegressionErrors.MeanAbsolute(predicted, truth);
                if (RSquared.Of(predicted, truth, targetSize) is { } r2) metrics["r2"] = r2;
                return new Evaluation(meanLoss, metrics);
            }
            case Loss.BCEWithLogits:
            {
                var logits = Rows(outputs);
                bool[][] labels = Rows(targets.reshape(outputs.shape)).Select(row => row.Select(label => label > 0.5).ToArray()).ToArray();
                metrics["accuracy"] = MultiLabelMetrics.Accuracy(logits, labels);
                if (MultiLabelMetrics.MacroF1(logits, labels) is { } f1) metrics["macro_f1"] = f1;
                if (MultiLabelMetrics.RocAuc(logits, labels) is { } auc) metrics["roc_auc"] = auc;
                return new Evaluation(meanLoss, metrics);
            }
            default:
                return new Evaluation(meanLoss, metrics);
        }
    }

    private static double[] Flat(torch.Tensor values) => values.to_type(torch.float64).data<double>().ToArray();

    private static double[][] Rows(torch.Tensor scores)
    {
        double[] flat = Flat(scores);
        int columns = (int)scores.shape[1];
        return Enumerable.Range(0, (int)scores.shape[0]).Select(i => flat[(i * columns)..((i + 1) * columns)]).ToArray();
    }
}
