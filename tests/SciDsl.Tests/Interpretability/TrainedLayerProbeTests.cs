using SciDsl.Interpretability;
using SciDsl.Samples.Digits;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace SciDsl.Tests.Interpretability;

/// <summary>
/// A linear probe reads the digit class better from a trained layer than from the same layer of the same architecture
/// with random weights (issue 8, item 4): the probe measures what training put into the layer, not only what a random
/// projection of the pixels keeps.
/// </summary>
public sealed class TrainedLayerProbeTests(ITestOutputHelper output)
{
    /// <remarks>
    /// Measured on fc1 after its ReLU (relu_3): trained 83.3 % (84.6 % for the model trained from seed 8), random weights
    /// 65.8–67.5 % over seeds 11–13. The conv block's output separates less (trained 73.8 %, random 62.9–67.9 %), as
    /// random convolutions of 8×8 digits already keep most of what a linear read-out needs.
    /// </remarks>
    [Fact]
    public void A_probe_on_a_trained_hidden_layer_beats_a_probe_on_the_same_layer_with_random_weights()
    {
        const string layer = "relu_3";
        var (trained, images, labels) = TrainedModelAttributionTests.Trained.Value;
        using var scope = NewDisposeScope();
        // The held-out images (never seen in training): the probe fits on the first 120 (about 12 per class) and is
        // scored on the other 240. With few examples a probe profits most from a layer that already groups the classes;
        // with many, even random features of these small images become linearly separable.
        var (trainImages, testImages) = (images[..120], images[120..]);
        var (trainLabels, testLabels) = (labels[..120], labels[120..]);

        var onTrained = Probe(trained, layer, trainImages, trainLabels, testImages, testLabels);
        foreach (int seed in new[] { 11, 12, 13 })
        {
            torch.manual_seed(seed);
            var onRandom = Probe(new DigitCnn(), layer, trainImages, trainLabels, testImages, testLabels);
            output.WriteLine($"{layer}: held-out probe accuracy, trained {onTrained.Test:P1}, random weights (seed {seed}) {onRandom.Test:P1}");
            Assert.True(onTrained.Test >= onRandom.Test + 0.08,
                $"{layer}: probe on the trained layer {onTrained.Test:P1}, on random weights (seed {seed}) {onRandom.Test:P1}");
        }
    }

    private static ProbeResult Probe(DigitCnn model, string layer, Tensor trainImages, Tensor trainLabels, Tensor testImages, Tensor testLabels) =>
        LinearProbe.Classifier(
            model.Activations(trainImages, layer)[layer], trainLabels, model.Activations(testImages, layer)[layer], testLabels);
}
