using SciDsl.Tests.Experiments;
using SciDsl.Tests.Training;
using TorchSharp;
using static SciDsl.Tests.Training.TrainingAssertions;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SciDsl.Tests.Augmentations;

/// <summary>Iris with a user augmentation method that records every batch it is given.</summary>
[Experiment(typeof(IrisMlp), typeof(IrisSamples))]
[Supervised(Loss.CrossEntropy)]
[Optimizer(Optim.Adam, LearningRate = 0.02)]
[Train(Epochs = 3, BatchSize = 16, Seed = 7, ValidationSplit = 0.2)]
[Augment(Noise = 0.01, Method = nameof(Record))]
public partial class IrisRecordedAugmentExperiment
{
    public static List<long> BatchSizes { get; } = [];

    private static Tensor Record(Tensor batch)
    {
        BatchSizes.Add(batch.shape[0]);
        return batch;
    }
}

/// <summary>
/// <c>[Augment]</c> and <c>[Mixup]</c> in training: applied to training batches only, reproducibly, and helping where
/// augmentation is known to help.
/// </summary>
public sealed class AugmentedTrainingTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_user_method_sees_every_training_batch_once_and_no_validation_batch()
    {
        IrisRecordedAugmentExperiment.BatchSizes.Clear();

        new IrisRecordedAugmentExperiment().Run(Quiet(temp.File("recorded.ckpt")));

        // 150 samples, 30 held out for validation: 120 training samples in batches of 16 (7 of 16, one of 8), 3 epochs.
        long[] epoch = [16, 16, 16, 16, 16, 16, 16, 8];
        Assert.Equal(epoch.Concat(epoch).Concat(epoch), IrisRecordedAugmentExperiment.BatchSizes);
    }

    [Fact]
    public void Training_batches_are_augmented_reproducibly_and_validation_batches_are_not()
    {
        var data = new IrisData().Load();
        var config = new TrainConfig(Loss.CrossEntropy, Optim.Adam, Epochs: 2, BatchSize: 32, Seed: 3, ValidationSplit: 0.2,
            Augmentation: Augmentation.Noise(0.1));
        var first = Probe(config, "first.ckpt");
        var second = Probe(config, "second.ckpt");
        var plain = Probe(config with { Augmentation = null }, "plain.ckpt");

        Assert.Equal(first.TrainInputs, second.TrainInputs);
        Assert.Equal(plain.TrainInputs.Count, first.TrainInputs.Count);
        for (int i = 0; i < plain.TrainInputs.Count; i++)
        {
            double largest = first.TrainInputs[i].Zip(plain.TrainInputs[i], (a, b) => Math.Abs(a - b)).Max();
            Assert.InRange(largest, 0.05, 1.0); // noise of std 0.1 moves some feature of every batch, by less than 10 std
        }
        // Plain batches are rows of the data set; validation sees them unaugmented in both runs.
        var rows = data.Features.data<float>().ToArray().Chunk(4).Select(row => string.Join(",", row)).ToHashSet();
        Assert.All(plain.TrainInputs.SelectMany(batch => batch.Chunk(4)), row => Assert.Contains(string.Join(",", row), rows));
        Assert.Equal(plain.EvalInputs, first.EvalInputs);
    }

    [Fact]
    public void Mixup_trains_and_resumes_bit_identically()
    {
        var config = new TrainConfig(Loss.CrossEntropy, Optim.Adam, LearningRate: 0.02, Epochs: 6, BatchSize: 16, Seed: 11, ValidationSplit: 0.2,
            Augmentation: Augmentation.Noise(0.05), Mixing: new MixSetting(MixKind.Mixup, 0.4));
        var straight = SupervisedTrainer.Run(config, () => new Mlp(4, 16, 3), new IrisData(), IrisData.Signature, Quiet(temp.File("straight.ckpt")));
        string path = temp.File("resumed.ckpt");
        SupervisedTrainer.Run(config, () => new Mlp(4, 16, 3), new IrisData(), IrisData.Signature, Quiet(path, epochs: 3));
        var resumed = SupervisedTrainer.Run(config, () => new Mlp(4, 16, 3), new IrisData(), IrisData.Signature, Quiet(path, resume: true));

        Assert.True(straight.History[^1].TrainLoss < 0.8 * straight.History[0].TrainLoss,
            $"mixup loss {straight.History[0].TrainLoss} -> {straight.History[^1].TrainLoss}");
        Assert.NotNull(straight.History[^1].TrainAccuracy); // counted against each mixed sample's dominant label
        Assert.Equal(Values(straight.History), Values(resumed.History));
        Assert.Equal(Weights(straight.Model), Weights(resumed.Model));
    }

    [Fact]
    public void Under_Mixup_the_model_trains_on_blends_of_two_samples()
    {
        var config = new TrainConfig(Loss.CrossEntropy, Optim.Adam, Epochs: 1, BatchSize: 32, Seed: 3, ValidationSplit: 0.2,
            Mixing: new MixSetting(MixKind.Mixup, 0.4));
        var rows = new IrisData().Load().Features.data<float>().ToArray().Chunk(4).Select(row => string.Join(",", row)).ToHashSet();

        var mixed = Probe(config, "mixed.ckpt").TrainInputs.SelectMany(batch => batch.Chunk(4)).ToList();

        // λ is drawn per batch and is not 0 or 1, so rows mixed with another sample than themselves are no data set row.
        Assert.Contains(mixed, row => !rows.Contains(string.Join(",", row)));
    }

    [Fact]
    public void Mixing_a_regression_is_refused()
    {
        var config = new TrainConfig(Loss.MSE, Optim.Adam, Mixing: new MixSetting(MixKind.Mixup, 0.2));

        var error = Assert.Throws<ArgumentException>(() => config.Validate());

        Assert.Contains("TrainConfig.Mixing needs Loss.CrossEntropy", error.Message);
    }

    /// <summary>
    /// Digits with 7 labelled images per class, tested on the other 1,727 images shifted by up to a pixel: an MLP, which has
    /// no translation invariance of its own, learns it from random crops (1-pixel shifts) and classifies the shifted images
    /// far better (measured: 0.38 plain, 0.76 augmented). On unshifted test images the crops do not help this MLP.
    /// </summary>
    [Fact]
    public void Crop_augmentation_beats_no_augmentation_on_shifted_digits_from_few_labels()
    {
        var digits = CsvData.Load(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"));
        var images = (digits.Features / 16f).reshape(-1, 1, 8, 8);
        var labels = digits.Targets;
        var order = Enumerable.Range(0, (int)labels.shape[0]).ToArray();
        new Random(1).Shuffle(order);
        var labelArray = labels.data<long>().ToArray();
        var labelled = Enumerable.Range(0, 10).SelectMany(c => order.Where(i => labelArray[i] == c).Take(7)).Select(i => (long)i).ToArray();
        var test = order.Select(i => (long)i).Except(labelled).ToArray();
        var train = new FixedData(images.index_select(0, tensor(labelled)), labels.index_select(0, tensor(labelled)));
        // Each test image shifted by up to one pixel each way (zero-filled), from its own seed: a slightly misaligned instrument.
        var testImages = Augmentation.Compose(Augmentation.RandomCrop(1)).Apply(images.index_select(0, tensor(test)), seed: 99);
        var testLabels = labels.index_select(0, tensor(test));
        var config = new TrainConfig(Loss.CrossEntropy, Optim.Adam, LearningRate: 0.003, Epochs: 100, BatchSize: 10, Seed: 5, ValidationSplit: 0);
        var signature = new DatasetSignature(new TensorSignature("x", TensorElementType.Float32, ["1", "8", "8"]), TargetKind.Class, 10);

        double Accuracy(TrainConfig setting, string name)
        {
            var model = SupervisedTrainer.Run(setting, () => new DigitsMlp(), train, signature, Quiet(temp.File(name))).Model;
            model.eval();
            using var noGrad = no_grad();
            return model.forward(testImages).argmax(1).eq(testLabels).to(ScalarType.Float32).mean().item<float>();
        }

        double plain = Accuracy(config, "plain.ckpt");
        double augmented = Accuracy(config with { Augmentation = Augmentation.Compose(Augmentation.RandomCrop(1), Augmentation.Noise(0.05)) }, "augmented.ckpt");

        Console.WriteLine($"few-label digits test accuracy: plain {plain:F3}, augmented {augmented:F3}");
        Assert.True(augmented > plain + 0.2, $"augmented {augmented:F3} should beat plain {plain:F3} by more than 0.2");
    }

    private Probe Probe(TrainConfig config, string name)
    {
        var probe = new Probe();
        SupervisedTrainer.Run(config, () => probe, new IrisData(), IrisData.Signature, Quiet(temp.File(name)));
        return probe;
    }

    private sealed class DigitsMlp : Module<Tensor, Tensor>
    {
        private readonly Module<Tensor, Tensor> layers = Sequential(Flatten(), Linear(64, 128), ReLU(), Linear(128, 10));

        public DigitsMlp() : base(nameof(DigitsMlp)) => RegisterComponents();

        public override Tensor forward(Tensor input) => layers.forward(input);
    }
}

/// <summary>A linear model that records every input it is given, separately in training and in evaluation mode.</summary>
internal sealed class Probe : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> linear = Linear(4, 3);

    public Probe() : base(nameof(Probe)) => RegisterComponents();

    public List<float[]> TrainInputs { get; } = [];

    public List<float[]> EvalInputs { get; } = [];

    public override Tensor forward(Tensor input)
    {
        (training ? TrainInputs : EvalInputs).Add(input.data<float>().ToArray());
        return linear.forward(input);
    }
}
