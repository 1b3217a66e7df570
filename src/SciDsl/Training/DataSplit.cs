using TorchSharp;

namespace SciDsl;

/// <summary>
/// A seeded train/validation/test split and per-epoch shuffled mini-batches. Shuffling depends only on
/// (seed, epoch), so a resumed run sees the same batches as an uninterrupted one.
/// </summary>
internal sealed class DataSplit : IDisposable
{
    private readonly int seed;

    private DataSplit(int seed, Part train, Part? validation, Part? test)
    {
        this.seed = seed;
        (TrainInputs, TrainTargets) = train;
        (ValidationInputs, ValidationTargets) = validation is { } v ? (v.Inputs, v.Targets) : (null, null);
        (TestInputs, TestTargets) = test is { } t ? (t.Inputs, t.Targets) : (null, null);
    }

    /// <summary>Some samples' inputs (in declaration order) and targets.</summary>
    private readonly record struct Part(torch.Tensor[] Inputs, torch.Tensor Targets);

    /// <summary>Every input of the training samples, in declaration order.</summary>
    public torch.Tensor[] TrainInputs { get; }
    public torch.Tensor[]? ValidationInputs { get; }
    public torch.Tensor[]? TestInputs { get; }

    /// <summary>The first (for most data the only) input of the training samples.</summary>
    public torch.Tensor TrainFeatures => TrainInputs[0];
    public torch.Tensor TrainTargets { get; }
    public torch.Tensor? ValidationFeatures => ValidationInputs?[0];
    public torch.Tensor? ValidationTargets { get; }
    public torch.Tensor? TestTargets { get; }
    public long TrainCount => TrainFeatures.shape[0];

    public static DataSplit Create(LabelledData data, double validationSplit, int seed, string source) =>
        Create([data.Features], data.Targets, validationSplit, 0, seed, source);

    /// <summary>
    /// Shuffles the samples with <paramref name="seed"/> and holds out the first <paramref name="validationSplit"/> of them
    /// for validation, the next <paramref name="testSplit"/> for testing (for per-sample class targets, per class, so
    /// each class keeps its share of the samples validation leaves); without a test split the parts are those of
    /// earlier versions, so their runs stay reproducible. The parts are copied to <paramref name="device"/> once, so batches
    /// are gathered where the model trains rather than copied there every step.
    /// </summary>
    public static DataSplit Create(
        IReadOnlyList<torch.Tensor> inputs, torch.Tensor targets, double validationSplit, double testSplit, int seed, string source,
        torch.Device? device = null)
    {
        int count = checked((int)inputs[0].shape[0]);
        int validCount = (int)Math.Round(count * validationSplit);
        int testCount = (int)Math.Round(count * testSplit);
        if (count == 0)
            throw new ArgumentException($"{source}.Load() returned no samples.", "data");
        if (validationSplit > 0 && (validCount == 0 || validCount == count))
            throw new ArgumentException(
                $"{source} has {count} samples: too few for ValidationSplit = {validationSplit} " +
                $"(it needs at least {(int)Math.Ceiling(0.5 / validationSplit)} so both parts are non-empty).", "data");
        if (testSplit > 0 && (testCount == 0 || validCount + testCount >= count))
            throw new ArgumentException(
                $"{source} has {count} samples: too few for ValidationSplit = {validationSplit} and TestSplit = {testSplit} " +
                $"(it needs at least {(int)Math.Ceiling(0.5 / testSplit)} so the test and training parts are non-empty).", "data");

        long[] order = Permutation(count, new Random(seed));
        // A test part of per-sample classes is drawn per class from what validation leaves, so each class keeps its share.
        if (testCount > 0 && targets.dim() == 1 && targets.dtype == torch.ScalarType.Int64)
            order = [.. order[..validCount], .. StratifiedFirst(order[validCount..], targets, testCount)];
        Part Take(Range range)
        {
            using var index = torch.tensor(order[range]);
            return new Part(inputs.Select(input => OnDevice(input.index_select(0, index))).ToArray(), OnDevice(targets.index_select(0, index)));
        }
        torch.Tensor OnDevice(torch.Tensor part)
        {
            if (device is null || device.type == part.device_type) return part;
            using (part) return part.to(device);
        }
        return new DataSplit(
            seed,
            Take((validCount + testCount)..),
            validCount > 0 ? Take(..validCount) : null,
            testCount > 0 ? Take(validCount..(validCount + testCount)) : null);
    }

    /// <summary>
    /// <paramref name="rows"/> reordered so that its first <paramref name="count"/> hold each class in proportion to its
    /// share of the rows (largest remainders round, lower classes first on ties); the order of the rows otherwise stays.
    /// </summary>
    private static long[] StratifiedFirst(long[] rows, torch.Tensor targets, int count)
    {
        long[] labels = targets.cpu().data<long>().ToArray();
        var byClass = rows.GroupBy(row => labels[row]).OrderBy(group => group.Key).Select(group => group.ToArray()).ToList();
        double[] exact = byClass.Select(group => (double)group.Length * count / rows.Length).ToArray();
        int[] quota = exact.Select(share => (int)Math.Floor(share)).ToArray();
        foreach (int c in Enumerable.Range(0, quota.Length).OrderByDescending(c => exact[c] - quota[c]).ThenBy(c => c).Take(count - quota.Sum()))
            quota[c]++;
        var chosen = byClass.SelectMany((group, c) => group.Take(quota[c])).ToHashSet();
        return [.. rows.Where(chosen.Contains), .. rows.Where(row => !chosen.Contains(row))];
    }

    /// <summary>
    /// The rows <paramref name="indices"/> of <paramref name="samples"/>, gathered where the samples are (the index is
    /// created on their device): how every paradigm takes a batch from data already on the training device.
    /// </summary>
    public static torch.Tensor Rows(torch.Tensor samples, long[] indices)
    {
        using var index = torch.tensor(indices, device: samples.device);
        return samples.index_select(0, index);
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
        foreach (var tensor in TrainInputs.Concat(ValidationInputs ?? []).Concat(TestInputs ?? [])) tensor.Dispose();
        TrainTargets.Dispose();
        ValidationTargets?.Dispose();
        TestTargets?.Dispose();
    }
}
