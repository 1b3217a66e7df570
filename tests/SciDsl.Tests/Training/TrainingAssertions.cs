using TorchSharp;

namespace SciDsl.Tests.Training;

/// <summary>Shared shorthands: quiet options and comparisons that ignore wall time.</summary>
internal static class TrainingAssertions
{
    public static TrainOptions Quiet(string checkpoint, int? epochs = null, bool resume = false) =>
        new() { CheckpointPath = checkpoint, Epochs = epochs, Resume = resume, Progress = ProgressMode.None };

    /// <summary>The metrics without <see cref="EpochMetrics.Elapsed"/>, which differs between runs.</summary>
    public static object[] Values(IEnumerable<EpochMetrics> history) =>
        history.Select(m => (object)(m.Epoch, m.TrainLoss, m.ValidationLoss, m.TrainAccuracy, m.ValidationAccuracy)).ToArray();

    public static float[][] Weights(torch.nn.Module model) =>
        model.parameters().Select(p => p.data<float>().ToArray()).ToArray();
}
