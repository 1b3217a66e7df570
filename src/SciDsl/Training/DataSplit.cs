using TorchSharp;

namespace SciDsl;

/// <summary>
/// A seeded train/validation split and per-epoch shuffled mini-batches. Shuffling depends only on
/// (seed, epoch), so a resumed run sees the same batches as an uninterrupted one.
/// </summary>
internal sealed class DataSplit : IDisposable
{
    private readonly int seed;

    private DataSplit(int seed, torch.Tensor trainX, torch.Tensor trainY, torch.Tensor? validX, torch.Tensor? validY)
    {
        this.seed = seed;
        (TrainFeatures, TrainTargets, ValidationFeatures, ValidationTargets) = (trainX, trainY, validX, validY);
    }

    public torch.Tensor TrainFeatures { get; }
    public torch.Tensor TrainTargets { get; }
    public torch.Tensor? ValidationFeatures { get; }
    public torch.Tensor? ValidationTargets { get; }
    public long TrainCount => TrainFeatures.shape[0];

    public static DataSplit Create(LabelledData data, double validationSplit, int seed, string source)
    {
        int count = checked((int)data.Count);
        int validCount = (int)Math.Round(count * validationSplit);
        if (count == 0)
            throw new ArgumentException($"{source}.Load() returned no samples.", "data");
        if (validationSplit > 0 && (validCount == 0 || validCount == count))
            throw new ArgumentException(
                $"{source} has {count} samples: too few for ValidationSplit = {validationSplit} " +
                $"(it needs at least {(int)Math.Ceiling(0.5 / validationSplit)} so both parts are non-empty).", "data");

        long[] order = Permutation(count, new Random(seed));
        using var validIndex = torch.tensor(order[..validCount]);
        using var trainIndex = torch.tensor(order[validCount..]);
        return new DataSplit(
            seed,
            data.Features.index_select(0, trainIndex),
            data.Targets.index_select(0, trainIndex),
            validCount > 0 ? data.Features.index_select(0, validIndex) : null,
            validCount > 0 ? data.Targets.index_select(0, validIndex) : null);
    }

    /// <summary>Sample indices of the training batches for a 1-based epoch, freshly shuffled.</summary>
    public IEnumerable<long[]> TrainBatches(int epoch, int batchSize)
    {
        long[] order = Permutation((int)TrainCount, new Random(EpochSeed(seed, epoch)));
        for (int start = 0; start < order.Length; start += batchSize)
            yield return order[start..Math.Min(start + batchSize, order.Length)];
    }

    /// <summary>A fixed mix of seed and epoch (not <see cref="HashCode"/>, which differs per process).</summary>
    public static int EpochSeed(int seed, int epoch) => unchecked(seed * 1_000_003 + epoch);

    public int TrainBatchCount(int batchSize) => (int)((TrainCount + batchSize - 1) / batchSize);

    /// <summary>0 … count − 1 shuffled by <paramref name="random"/>.</summary>
    public static long[] Permutation(int count, Random random)
    {
        long[] order = new long[count];
        for (int i = 0; i < count; i++) order[i] = i;
        random.Shuffle(order);
        return order;
    }

    public void Dispose()
    {
        TrainFeatures.Dispose();
        TrainTargets.Dispose();
        ValidationFeatures?.Dispose();
        ValidationTargets?.Dispose();
    }
}
