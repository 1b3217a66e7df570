namespace SciDsl.Samples.GraphCommunities;

/// <summary>
/// The stochastic-block-model graphs (<see cref="StochasticBlockGraphs"/>) as a data set: node features, adjacency and
/// one community per node. The experiment uses 200 graphs from seed 1; tests make smaller ones.
/// </summary>
[Dataset("x: N,8; adj: N,N", Target = "class: 4 per node")]
public partial class CommunityGraphs(int graphs, int seed) : ISampleSource
{
    public CommunityGraphs() : this(200, seed: 1)
    {
    }

    public SampleSet LoadSamples()
    {
        var (x, adj, communities) = StochasticBlockGraphs.Generate(graphs, seed);
        return new SampleSet([("x", x), ("adj", adj)], communities);
    }
}

/// <summary>The same graphs' node features alone (no edges), for the baseline that ignores the graph.</summary>
[Dataset("x: N,8", Target = "class: 4 per node")]
public partial class CommunityNodeFeatures(int graphs, int seed) : IDataSource
{
    public CommunityNodeFeatures() : this(200, seed: 1)
    {
    }

    public LabelledData Load()
    {
        var (x, _, communities) = StochasticBlockGraphs.Generate(graphs, seed);
        return new LabelledData(x, communities);
    }
}

/// <summary>Node-wise cross-entropy, Adam at 1e-2, batches of 8 graphs, 40 epochs; 10 % of the graphs validate, 20 % test.</summary>
[Experiment(typeof(CommunityGcn), typeof(CommunityGraphs))]
[Supervised(Loss.CrossEntropy)]
[Optimizer(Optim.Adam, LearningRate = 0.01)]
[Train(Epochs = 40, BatchSize = 8, Seed = 42, ValidationSplit = 0.1, TestSplit = 0.2)]
public partial class CommunityGcnExperiment;

/// <summary>The baseline, trained alike on the same split (same graph count and seed): the test graphs are the GCN's.</summary>
[Experiment(typeof(NodeFeatureMlp), typeof(CommunityNodeFeatures))]
[Supervised(Loss.CrossEntropy)]
[Optimizer(Optim.Adam, LearningRate = 0.01)]
[Train(Epochs = 40, BatchSize = 8, Seed = 42, ValidationSplit = 0.1, TestSplit = 0.2)]
public partial class NodeFeatureMlpExperiment;
