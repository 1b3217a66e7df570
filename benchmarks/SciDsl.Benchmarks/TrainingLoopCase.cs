using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;
using SciDsl.Samples.Digits;

namespace SciDsl.Benchmarks;

/// <summary>Random 8 × 8 digits-shaped images with 10 classes, held in memory: what the loop comparison trains on.</summary>
[Dataset("x: 1,8,8", Target = "class: 10")]
public sealed partial class RandomDigits(Tensor features, Tensor targets) : IDataSource
{
    public LabelledData Load() => new(features, targets);
}

/// <summary>
/// One epoch of supervised training of the Digits sample's generated <see cref="DigitCnn"/>, two ways: the generated
/// experiment's loop (<see cref="SupervisedTrainer.Run{TModel}(TrainConfig, Func{TModel}, IDataSource, DatasetSignature, TrainOptions?, string?)"/>:
/// data split, per-step metrics and NaN check, plain progress lines, checkpoint) and a bare hand-written TorchSharp loop over
/// the same batches in the same order from the same initial weights. <see cref="CheckSameTraining"/> proves they do the
/// same training: their mean training losses agree.
/// </summary>
public sealed class TrainingLoopCase : IDisposable
{
    public const int Samples = 2048;
    public const int BatchSize = 64;
    public const int Steps = Samples / BatchSize;
    private const double LearningRate = 1e-3;

    private readonly Tensor features;
    private readonly Tensor targets;
    private readonly string directory = Directory.CreateTempSubdirectory("scidsl-loop-bench-").FullName;
    private readonly TrainConfig config = new(Loss.CrossEntropy, Optim.Adam, LearningRate, Epochs: 1, BatchSize: BatchSize,
        Seed: BenchmarkSetup.Seed, ValidationSplit: 0, Device: ComputeDevice.Cpu);
    private readonly long[][] batches;

    public TrainingLoopCase()
    {
        BenchmarkSetup.ConfigureTorch();
        features = torch.tensor(BenchmarkSetup.RandomInput(Samples * 64), [Samples, 1, 8, 8]);
        targets = torch.randint(0, 10, [Samples], dtype: ScalarType.Int64);
        // The generated loop's order: the seeded split (all samples train), then the epoch's shuffle of it.
        long[] split = Shuffled(Samples, new Random(config.Seed));
        long[] epoch = Shuffled(Samples, new Random(EpochSeed(config.Seed, 1)));
        batches = epoch.Select(i => split[i]).Chunk(BatchSize).ToArray();
    }

    /// <summary>The generated experiment's loop; returns its last epoch's mean training loss.</summary>
    public double Generated(int epochs = 1)
    {
        var options = new TrainOptions
        {
            Epochs = epochs, CheckpointPath = Path.Combine(directory, "loop.ckpt"), Progress = ProgressMode.Plain, Log = TextWriter.Null,
        };
        var result = SupervisedTrainer.Run(config, () => new DigitCnn(), new RandomDigits(features, targets), RandomDigits.Signature, options);
        double loss = result.Final.TrainLoss;
        result.Model.Dispose();
        return loss;
    }

    /// <summary>A bare TorchSharp loop as one would write it by hand; returns its mean training loss.</summary>
    public double HandWritten()
    {
        torch.manual_seed(config.Seed);
        using var model = new DigitCnn();
        using var optimizer = torch.optim.Adam(model.parameters(), LearningRate);
        torch.manual_seed(EpochSeed(config.Seed, 1));
        model.train();
        double lossSum = 0;
        foreach (long[] batch in batches)
        {
            using var scope = torch.NewDisposeScope();
            using var index = torch.tensor(batch);
            var output = model.forward(features.index_select(0, index));
            var loss = nn.functional.cross_entropy(output, targets.index_select(0, index));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            lossSum += loss.item<float>() * batch.Length;
        }
        return lossSum / Samples;
    }

    /// <summary>Preparing every batch of an epoch alone (index tensor, gathering inputs and targets): the data-loading share.</summary>
    public void GatherBatches()
    {
        foreach (long[] batch in batches)
        {
            using var scope = torch.NewDisposeScope();
            using var index = torch.tensor(batch);
            features.index_select(0, index);
            targets.index_select(0, index);
        }
    }

    public void CheckSameTraining()
    {
        double generated = Generated(), handWritten = HandWritten();
        if (Math.Abs(generated - handWritten) > 1e-5)
            throw new InvalidOperationException($"The loops train differently: mean training loss {generated} (generated) vs {handWritten} (hand-written).");
    }

    /// <summary>The runtime's per-epoch seed (DataSplit.EpochSeed), restated: the hand-written loop must see the same batches.</summary>
    private static int EpochSeed(int seed, int epoch) => unchecked(seed * 1_000_003 + epoch);

    private static long[] Shuffled(int count, Random random)
    {
        long[] order = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
        random.Shuffle(order);
        return order;
    }

    public void Dispose()
    {
        features.Dispose();
        targets.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
