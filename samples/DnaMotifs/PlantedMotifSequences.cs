using TorchSharp;

namespace SciDsl.Samples.DnaMotifs;

/// <summary>
/// Synthetic DNA from a seeded <see cref="Random"/>: 4,000 sequences of 100 uniformly random bases, one-hot
/// encoded as <c>[4, 100]</c> (rows A, C, G, T). Half of them, chosen at random, are positives: they carry the
/// motif <see cref="Motif"/> at a uniformly random position, each of its bases replaced by a different random base
/// with probability <see cref="MutationRate"/>. Label 1 = motif planted, 0 = background only.
/// </summary>
[Dataset("x: 4,100", Target = "class: 2")]
public partial class PlantedMotifSequences : IDataSource
{
    public const string Motif = "TGACTCAGCA";
    public const string Bases = "ACGT";
    public const int Length = 100;
    public const int Count = 4000;
    public const double MutationRate = 0.1;

    public int Seed { get; init; } = 2024;

    public LabelledData Load()
    {
        var random = new Random(Seed);
        var oneHot = new float[Count * 4 * Length];
        var labels = new long[Count];
        var sequence = new int[Length];
        for (int i = 0; i < Count; i++)
        {
            for (int p = 0; p < Length; p++) sequence[p] = random.Next(4);
            labels[i] = random.Next(2);
            if (labels[i] == 1) Plant(random, sequence);
            for (int p = 0; p < Length; p++) oneHot[(i * 4 + sequence[p]) * Length + p] = 1;
        }
        return new LabelledData(torch.tensor(oneHot, [Count, 4, Length]), torch.tensor(labels));
    }

    private static void Plant(Random random, int[] sequence)
    {
        int start = random.Next(Length - Motif.Length + 1);
        for (int k = 0; k < Motif.Length; k++)
        {
            int motifBase = Bases.IndexOf(Motif[k]);
            // A mutation moves to one of the three other bases, never back to the motif's own.
            sequence[start + k] = random.NextDouble() < MutationRate ? (motifBase + 1 + random.Next(3)) % 4 : motifBase;
        }
    }
}
