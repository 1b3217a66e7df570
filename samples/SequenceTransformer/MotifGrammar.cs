namespace SciDsl.Samples.SequenceTransformer;

/// <summary>
/// A synthetic protein-like grammar. Sequences of <see cref="Length"/> residues over the 20 amino acids are drawn with
/// their natural frequencies; two PROSITE-style motifs may be planted: the N-glycosylation sequon <c>N-{P}-[ST]-{P}</c>
/// (motif A) and the cell-attachment tripeptide <c>R-G-D</c> (motif B). The class is a function of the sequence alone
/// (<see cref="Classify"/>): which motifs occur, and when both do, which occurs first.
/// </summary>
public static class MotifGrammar
{
    public const int Length = 40;

    /// <summary>The residues in one-letter code; a residue's token id is its index here.</summary>
    public const string AminoAcids = "ACDEFGHIKLMNPQRSTVWY";

    public static readonly string[] ClassNames = ["no motif", "sequon only", "RGD only", "sequon before RGD", "RGD before sequon"];

    /// <summary>Approximate amino-acid frequencies in UniProtKB/Swiss-Prot (%), in the order of <see cref="AminoAcids"/>.</summary>
    private static readonly double[] Frequencies =
        [8.25, 1.37, 5.45, 6.75, 3.86, 7.07, 2.27, 5.96, 5.84, 9.66, 2.42, 4.06, 4.70, 3.93, 5.53, 6.56, 5.34, 6.87, 1.08, 2.92];

    private static readonly double[] Cumulative = CumulativeFrequencies();

    /// <summary>
    /// One sequence of class <paramref name="label"/>: background residues, the class's motifs planted at random
    /// non-overlapping places in the class's order, redrawn until <see cref="Classify"/> agrees (a background can hold a
    /// motif by chance).
    /// </summary>
    public static string Sample(int label, Random random)
    {
        while (true)
        {
            var residues = new char[Length];
            for (int i = 0; i < Length; i++) residues[i] = Residue(random);
            string[] motifs = label switch
            {
                0 => [],
                1 => [Sequon(random)],
                2 => ["RGD"],
                3 => [Sequon(random), "RGD"],
                _ => ["RGD", Sequon(random)],
            };
            Plant(residues, motifs, random);
            var sequence = new string(residues);
            if (Classify(sequence) == label) return sequence;
        }
    }

    /// <summary>0: neither motif; 1: only the sequon; 2: only RGD; 3: both, the sequon first; 4: both, RGD first.</summary>
    public static int Classify(string sequence)
    {
        int sequon = FirstSequon(sequence), rgd = sequence.IndexOf("RGD", StringComparison.Ordinal);
        return (sequon >= 0, rgd >= 0) switch
        {
            (false, false) => 0,
            (true, false) => 1,
            (false, true) => 2,
            _ => sequon < rgd ? 3 : 4,
        };
    }

    /// <summary>Token ids: each residue's index in <see cref="AminoAcids"/>.</summary>
    public static long[] Encode(string sequence) => sequence.Select(residue => (long)AminoAcids.IndexOf(residue)).ToArray();

    private static int FirstSequon(string sequence)
    {
        for (int i = 0; i + 3 < sequence.Length; i++)
            if (sequence[i] == 'N' && sequence[i + 1] != 'P' && sequence[i + 2] is 'S' or 'T' && sequence[i + 3] != 'P')
                return i;
        return -1;
    }

    /// <summary>N, any residue but P, S or T, any residue but P.</summary>
    private static string Sequon(Random random)
    {
        char NotProline() { char residue; do residue = Residue(random); while (residue == 'P'); return residue; }
        return $"N{NotProline()}{(random.Next(2) == 0 ? 'S' : 'T')}{NotProline()}";
    }

    /// <summary>Places the motifs left to right in the given order, each in a random slot of the space left.</summary>
    private static void Plant(char[] residues, string[] motifs, Random random)
    {
        int free = residues.Length - motifs.Sum(motif => motif.Length);
        var gaps = Enumerable.Range(0, motifs.Length).Select(_ => random.Next(free + 1)).Order().ToArray();
        int position = 0, used = 0;
        for (int m = 0; m < motifs.Length; m++)
        {
            position += gaps[m] - used;
            used = gaps[m];
            motifs[m].CopyTo(0, residues, position, motifs[m].Length);
            position += motifs[m].Length;
        }
    }

    private static char Residue(Random random)
    {
        double draw = random.NextDouble() * Cumulative[^1];
        int index = Array.FindIndex(Cumulative, bound => draw < bound);
        return AminoAcids[index < 0 ? AminoAcids.Length - 1 : index];
    }

    private static double[] CumulativeFrequencies()
    {
        var cumulative = new double[Frequencies.Length];
        double total = 0;
        for (int i = 0; i < Frequencies.Length; i++) cumulative[i] = total += Frequencies[i];
        return cumulative;
    }
}
