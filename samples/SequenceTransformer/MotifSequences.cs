using TorchSharp;

namespace SciDsl.Samples.SequenceTransformer;

/// <summary>
/// <see cref="Count"/> sequences of the <see cref="MotifGrammar"/>, the five classes equally often, drawn from
/// <see cref="Seed"/>: the experiment trains on the default set; the program tests on another seed's.
/// </summary>
[Dataset("tokens: int64[40]", Target = "class: 5")]
public partial class MotifSequences : IDataSource
{
    public int Count { get; init; } = 5000;

    public int Seed { get; init; } = 1;

    public LabelledData Load()
    {
        var random = new Random(Seed);
        var tokens = new long[Count * MotifGrammar.Length];
        var labels = new long[Count];
        for (int i = 0; i < Count; i++)
        {
            labels[i] = i % MotifGrammar.ClassNames.Length;
            MotifGrammar.Encode(MotifGrammar.Sample((int)labels[i], random)).CopyTo(tokens, i * MotifGrammar.Length);
        }
        return new LabelledData(torch.tensor(tokens, [Count, MotifGrammar.Length]), torch.tensor(labels));
    }
}
