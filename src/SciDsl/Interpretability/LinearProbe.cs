using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>
/// Linear probes (Alain &amp; Bengio, 2016): fit a linear read-out on a layer's activations and score it on held-out
/// samples, to ask how linearly decodable a quantity is from that layer.
/// </summary>
public static class LinearProbe
{
    /// <summary>
    /// Fits a multinomial logistic-regression read-out on standardised <paramref name="trainActivations"/> [n, ...]
    /// (full-batch Adam, L2 penalty <paramref name="l2"/>) and reports the accuracy on both splits.
    /// </summary>
    /// <param name="trainLabels">Class indices [n] (int64), from 0.</param>
    /// <param name="steps">Full-batch optimisation steps; the loss is convex, so a few hundred reach its optimum closely.</param>
    /// <exception cref="ArgumentException">Shapes that do not match, fewer than 2 training samples, or labels that are not non-negative integers.</exception>
    public static ProbeResult Classifier(
        Tensor trainActivations, Tensor trainLabels, Tensor testActivations, Tensor testLabels,
        int steps = 300, double learningRate = 0.1, double l2 = 1e-4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        using var scope = NewDisposeScope();
        const string Method = $"{nameof(LinearProbe)}.{nameof(Classifier)}";
        var (train, test) = Standardise(trainActivations, testActivations, Method);
        var yTrain = Labels(trainLabels, trainActivations, nameof(trainLabels));
        var yTest = Labels(testLabels, testActivations, nameof(testLabels));
        long classes = Math.Max(yTrain.max().item<long>(), yTest.max().item<long>()) + 1;

        // Zero initial weights: the objective is convex, so the result needs no random start and is reproducible.
        var weight = new TorchSharp.Modules.Parameter(zeros(train.shape[1], classes, ScalarType.Float64));
        var bias = new TorchSharp.Modules.Parameter(zeros(classes, ScalarType.Float64));
        using var optimiser = optim.Adam([weight, bias], learningRate);
        for (int step = 0; step < steps; step++)
        {
            using var stepScope = NewDisposeScope();
            optimiser.zero_grad();
            var loss = nn.functional.cross_entropy(train.mm(weight) + bias, yTrain) + l2 * weight.square().sum();
            loss.backward();
            optimiser.step();
        }

        using var noGrad = no_grad();
        return new ProbeResult(Accuracy(train.mm(weight) + bias, yTrain), Accuracy(test.mm(weight) + bias, yTest));
    }

    /// <summary>
    /// Fits a least-squares linear read-out (with intercept and ridge penalty <paramref name="ridge"/>, relative to the
    /// mean feature variance) from activations to continuous <paramref name="trainTargets"/> [n] or [n, k], and reports
    /// R² on both splits (1 − residual / total sum of squares, summed over the k outputs; 0 means no better than the mean).
    /// </summary>
    /// <exception cref="ArgumentException">Shapes that do not match or fewer than 2 training samples.</exception>
    public static ProbeResult Regression(
        Tensor trainActivations, Tensor trainTargets, Tensor testActivations, Tensor testTargets, double ridge = 1e-6)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ridge);
        using var scope = NewDisposeScope();
        const string Method = $"{nameof(LinearProbe)}.{nameof(Regression)}";
        var (train, test) = Standardise(trainActivations, testActivations, Method);
        var yTrain = Targets(trainTargets, trainActivations, nameof(trainTargets), Method);
        var yTest = Targets(testTargets, testActivations, nameof(testTargets), Method);
        if (yTrain.shape[1] != yTest.shape[1])
            throw new ArgumentException(
                $"{Method}: trainTargets has shape {ActivationMatrix.Format(trainTargets)} and testTargets has shape {ActivationMatrix.Format(testTargets)}; both need the same outputs per sample.");

        // Standardised features have zero train mean, so the intercept is the train target mean.
        var targetMean = yTrain.mean([0L], keepdim: true);
        long features = train.shape[1];
        var gram = train.t().mm(train) + ridge * train.shape[0] * eye(features, dtype: ScalarType.Float64);
        var weight = linalg.lstsq(gram, train.t().mm(yTrain - targetMean)).Solution;
        return new ProbeResult(
            RSquared(train.mm(weight) + targetMean, yTrain),
            RSquared(test.mm(weight) + targetMean, yTest));
    }

    /// <summary>Both splits flattened and scaled with the training split's mean and standard deviation.</summary>
    private static (Tensor Train, Tensor Test) Standardise(Tensor trainActivations, Tensor testActivations, string method)
    {
        var train = ActivationMatrix.Flatten(trainActivations, method, nameof(trainActivations));
        var test = ActivationMatrix.Flatten(testActivations, method, nameof(testActivations));
        if (train.shape[1] != test.shape[1])
            throw new ArgumentException(
                $"{method}: trainActivations has shape {ActivationMatrix.Format(trainActivations)} and testActivations has shape {ActivationMatrix.Format(testActivations)}; both need the same features per sample.");
        if (train.shape[0] < 2 || test.shape[0] < 1)
            throw new ArgumentException(
                $"{method}: trainActivations has shape {ActivationMatrix.Format(trainActivations)} and testActivations has shape {ActivationMatrix.Format(testActivations)}; at least 2 training samples and 1 test sample are needed.");
        var mean = train.mean([0L], keepdim: true);
        // Constant features get unit scale: they carry no information and must not divide by zero.
        var deviation = train.std(0L, keepdim: true);
        var scale = where(deviation > 1e-12, deviation, ones_like(deviation));
        return ((train - mean) / scale, (test - mean) / scale);
    }

    private static Tensor Labels(Tensor labels, Tensor activations, string argument)
    {
        ArgumentNullException.ThrowIfNull(labels, argument);
        const string Method = $"{nameof(LinearProbe)}.{nameof(Classifier)}";
        if (labels.dim() != 1 || labels.shape[0] != activations.shape[0])
            throw new ArgumentException(
                $"{Method}: {argument} has shape {ActivationMatrix.Format(labels)} and its activations have shape {ActivationMatrix.Format(activations)}; expected one class index per sample, [{activations.shape[0]}].",
                argument);
        if (labels.is_floating_point() || labels.dtype == ScalarType.Bool || labels.min().item<long>() < 0)
            throw new ArgumentException($"{Method}: {argument} must hold non-negative integer class indices.", argument);
        return labels.to_type(ScalarType.Int64);
    }

    private static Tensor Targets(Tensor targets, Tensor activations, string argument, string method)
    {
        ArgumentNullException.ThrowIfNull(targets, argument);
        if (targets.dim() == 0 || targets.shape[0] != activations.shape[0])
            throw new ArgumentException(
                $"{method}: {argument} has shape {ActivationMatrix.Format(targets)} and its activations have shape {ActivationMatrix.Format(activations)}; both need the same number of samples in the first dimension.",
                argument);
        return targets.reshape(targets.shape[0], -1).to_type(ScalarType.Float64);
    }

    private static double Accuracy(Tensor logits, Tensor labels) =>
        logits.argmax(1).eq(labels).to_type(ScalarType.Float64).mean().item<double>();

    private static double RSquared(Tensor predictions, Tensor targets)
    {
        double residual = ActivationMatrix.SquaredNorm(targets - predictions);
        double total = ActivationMatrix.SquaredNorm(ActivationMatrix.Centre(targets));
        return 1 - residual / total;
    }
}
