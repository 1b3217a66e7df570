using TorchSharp;

namespace SciDsl.Samples.GraphCommunities;

/// <summary>
/// Stochastic-block-model graphs from a seeded <see cref="Random"/>. Each graph has <see cref="Nodes"/> nodes, each
/// put in one of <see cref="Communities"/> communities uniformly at random (so sizes vary); every pair of nodes is
/// joined with probability <see cref="InsideProbability"/> within a community and <see cref="AcrossProbability"/>
/// across (undirected, no self-loops). Node features are 8 standard-normal numbers, of which the one at the node's
/// community index is shifted by <see cref="FeatureSignal"/>: alone they hint weakly at the community; the graph
/// has to supply the rest.
/// </summary>
public static class StochasticBlockGraphs
{
    public const int Nodes = 60;
    public const int Communities = 4;
    public const int Features = 8;
    public const double InsideProbability = 0.4;
    public const double AcrossProbability = 0.02;
    public const double FeatureSignal = 0.6;

    /// <summary>Features <c>[graphs, 60, 8]</c>, adjacency <c>[graphs, 60, 60]</c> (0/1) and communities <c>[graphs, 60]</c>.</summary>
    public static (torch.Tensor X, torch.Tensor Adj, torch.Tensor Communities) Generate(int graphs, int seed)
    {
        var random = new Random(seed);
        var x = new float[graphs * Nodes * Features];
        var adj = new float[graphs * Nodes * Nodes];
        var communities = new long[graphs * Nodes];
        for (int g = 0; g < graphs; g++)
        {
            var community = communities.AsSpan(g * Nodes, Nodes);
            for (int n = 0; n < Nodes; n++) community[n] = random.Next(Communities);

            var edges = adj.AsSpan(g * Nodes * Nodes, Nodes * Nodes);
            for (int i = 0; i < Nodes; i++)
            {
                for (int j = i + 1; j < Nodes; j++)
                {
                    double probability = community[i] == community[j] ? InsideProbability : AcrossProbability;
                    if (random.NextDouble() < probability) edges[i * Nodes + j] = edges[j * Nodes + i] = 1;
                }
            }

            var features = x.AsSpan(g * Nodes * Features, Nodes * Features);
            for (int n = 0; n < Nodes; n++)
            {
                for (int f = 0; f < Features; f++)
                    features[n * Features + f] = (float)(random.NextGaussian() + (f == community[n] ? FeatureSignal : 0));
            }
        }
        return (torch.tensor(x, [graphs, Nodes, Features]), torch.tensor(adj, [graphs, Nodes, Nodes]), torch.tensor(communities, [graphs, Nodes]));
    }
}
