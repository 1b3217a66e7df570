using TorchSharp;

namespace SciDsl;

/// <summary>
/// Train, validation and test parts of a <see cref="SampleSet"/>, drawn with a seed: the same data, fractions and seed
/// always give the same parts. Class-labelled data is split per class (stratified), so each class's share of every
/// part matches its share of the whole to within one sample.
/// </summary>
public sealed record SampleSplits(SampleSet Train, SampleSet? Validation, SampleSet? Test)
{
    /// <param name="validation">Fraction of the samples for validation, in [0, 1).</param>
    /// <param name="test">Fraction of the samples for testing, in [0, 1); with <paramref name="validation"/> below 1.</param>
    /// <param name="stratify">Split each class separately; needs int64 class targets <c>[N]</c>. False draws from all samples at once (regression, unlabelled data).</param>
    /// <exception cref="ArgumentException">A fraction is out of range, a requested part or the training part would be empty, or stratification has no class targets.</exception>
    public static SampleSplits Create(SampleSet data, double validation, double test, int seed, bool stratify = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(validation >= 0 && test >= 0 && validation + test < 1))
            throw new ArgumentException($"Validation ({validation}) and test ({test}) fractions must be >= 0 and add up to less than 1.", nameof(validation));
        if (stratify && (data.Targets is not { } targets || targets.dtype != torch.ScalarType.Int64 || targets.dim() != 1))
            throw new ArgumentException("A stratified split needs int64 class targets [N]; pass stratify: false for value targets or unlabelled samples.", nameof(stratify));

        var random = new Random(seed);
        var (train, valid, testPart) = (new List<long>(), new List<long>(), new List<long>());
        foreach (long[] group in stratify ? ClassGroups(data.Targets!) : [Enumerable.Range(0, checked((int)data.Count)).Select(i => (long)i).ToArray()])
        {
            random.Shuffle(group);
            int validCount = (int)Math.Round(group.Length * validation), testCount = (int)Math.Round(group.Length * test);
            valid.AddRange(group[..validCount]);
            testPart.AddRange(group[validCount..(validCount + testCount)]);
            train.AddRange(group[(validCount + testCount)..]);
        }
        if (train.Count == 0 || (validation > 0 && valid.Count == 0) || (test > 0 && testPart.Count == 0))
            throw new ArgumentException(
                $"{data.Count} samples are too few for validation = {validation} and test = {test}: a part would be empty " +
                $"(train {train.Count}, validation {valid.Count}, test {testPart.Count}).", nameof(data));
        return new SampleSplits(Part(data, train, random), valid.Count > 0 ? Part(data, valid, random) : null, testPart.Count > 0 ? Part(data, testPart, random) : null);
    }

    /// <summary>Sample indices per class, in class order.</summary>
    private static IEnumerable<long[]> ClassGroups(torch.Tensor targets)
    {
        long[] classes = targets.data<long>().ToArray();
        return Enumerable.Range(0, classes.Length).GroupBy(i => classes[i]).OrderBy(g => g.Key).Select(g => g.Select(i => (long)i).ToArray()).ToList();
    }

    /// <summary>The samples of one part, shuffled so classes are mixed.</summary>
    private static SampleSet Part(SampleSet data, List<long> indices, Random random)
    {
        long[] order = indices.ToArray();
        random.Shuffle(order);
        return data.Select(order);
    }
}
