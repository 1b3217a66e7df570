using SciDsl.Samples.Digits;
using SciDsl.Samples.FewLabels;
using TorchSharp;
using Xunit.Abstractions;
using static SciDsl.Tests.Training.TrainingAssertions;

namespace SciDsl.Tests.Training;

/// <summary>The digit images without their labels: what a self-supervised experiment trains on.</summary>
[Dataset("x: 1,8,8")]
public partial class UnlabelledDigits : ISampleSource
{
    public SampleSet LoadSamples() => new([("x", new DigitImages().Load().Features)]);
}

/// <summary>SimCLR declared as an experiment: the generator checks it and emits <c>Run</c> → <c>SelfSupervisedTrainer</c>.</summary>
[Experiment(typeof(DigitSimClr), typeof(UnlabelledDigits))]
[Augment(CropPadding = 1, Noise = 0.1)]
[SelfSupervised(SelfSupervisedMethod.Contrastive, Encoder = "features", ProjectionHead = "proj", Temperature = 0.5)]
[Train(Epochs = 2, BatchSize = 128, Seed = 1)]
public partial class DigitSimClrPretraining;

/// <summary>
/// A declared self-supervised experiment compiles and runs, and the public API a sample needs — pretrain with every
/// label hidden, then a linear probe and fine-tuning with the fixed 5 % of the labels — reaches the PyTorch reference.
/// </summary>
public sealed class SelfSupervisedExperimentTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static FewLabelDigitSplit Digits => FewLabelDigitSplit.Instance.Value;

    [Fact]
    public void The_declared_contrastive_experiment_trains_on_unlabelled_digits_and_its_loss_falls()
    {
        var result = new DigitSimClrPretraining().Run(Quiet(temp.File("declared.ckpt")));

        Assert.Equal(2, result.History.Count);
        Assert.True(result.Final.TrainLoss < result.History[0].TrainLoss, $"NT-Xent {result.History[0].TrainLoss} → {result.Final.TrainLoss}");
        Assert.NotNull(result.BestEpoch);
        Assert.Equal([1797, 128], result.Encode(new DigitImages().Load().Features).shape);
    }

    /// <summary>
    /// PyTorch reference (/work/shared/REFERENCE-RESULTS.md, seeds 0–2): SimCLR + linear probe 89.1 ± 1.3 %, + fine-tuning
    /// 94.4 ± 1.2 %. Measured here (seeds 0 / 1 / 2): probe 90.6 / 91.1 / 88.1 %, fine-tuned
    /// (learning rate 3e-4, 30 epochs, batch 16) 93.1 / 94.2 / 91.9 %.
    /// </summary>
    [Fact]
    public void Pretraining_without_labels_then_probing_and_fine_tuning_on_the_5_percent_labels_reaches_the_reference()
    {
        const int seed = 0;
        var pretraining = new TrainConfig(Loss.MSE, Optim.Adam, Epochs: 15, BatchSize: 128, Seed: seed, ValidationSplit: 0,
            Augmentation: Augmentation.Compose(Augmentation.RandomCrop(1), Augmentation.Noise(0.1)));
        var pretrained = SelfSupervisedTrainer.Run(pretraining, () => new DigitSimClr(), Digits.Train,
            new SelfSupervisedSettings(SelfSupervisedMethod.Contrastive), Quiet(temp.File("simclr.ckpt")));
        var labelled = Digits.Labelled.Load();
        double probe = pretrained.LinearProbe(labelled.Features, labelled.Targets, Digits.TestFeatures, Digits.TestTargets).Test;

        var fineTuning = new TrainConfig(Loss.CrossEntropy, Optim.Adam, LearningRate: 3e-4, Epochs: 30, BatchSize: 16, Seed: seed, ValidationSplit: 0);
        var fineTuned = pretrained.FineTune(fineTuning, Digits.Labelled, DigitImages.Signature, Quiet(temp.File("fine-tuned.ckpt")));

        double fineTunedAccuracy = TestAccuracy(fineTuned.Model);
        output.WriteLine($"seed {seed} test accuracy: linear probe {probe:P1}, fine-tuned {fineTunedAccuracy:P1}");
        // Within 2.5 points of the reference means, and fine-tuning adds to the probe it starts from.
        Assert.True(probe >= 0.866, $"linear probe {probe:P1}");
        Assert.True(fineTunedAccuracy >= 0.919 && fineTunedAccuracy >= probe + 0.01, $"fine-tuned {fineTunedAccuracy:P1}, probe {probe:P1}");
        // The pretrained model is left as it was: fine-tuning trained a copy.
        Assert.Equal(probe, pretrained.LinearProbe(labelled.Features, labelled.Targets, Digits.TestFeatures, Digits.TestTargets).Test);
    }

    private static double TestAccuracy(EncoderClassifier model)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        return model.forward(Digits.TestFeatures).argmax(1).eq(Digits.TestTargets).to_type(torch.ScalarType.Float32).mean().item<float>();
    }
}
