using TorchSharp;
using static TorchSharp.torch.nn.functional;

namespace SciDsl.Samples.GraphCommunities;

/// <summary>How the sample trains its node classifiers and scores them.</summary>
public static class CommunityTraining
{
    /// <summary>Node-wise cross-entropy over batches of 8 graphs, Adam at 1e-2; returns each epoch's mean loss.</summary>
    public static IReadOnlyList<double> Train(
        torch.nn.Module model, Func<torch.Tensor, torch.Tensor, torch.Tensor> forward,
        torch.Tensor x, torch.Tensor adj, torch.Tensor communities, int epochs, int seed) =>
        MiniBatchTraining.Run(model, x.shape[0], epochs, batchSize: 8, learningRate: 1e-2, seed, graphs =>
        {
            var logits = forward(x.index_select(0, graphs), adj.index_select(0, graphs));
            return cross_entropy(logits.reshape(-1, StochasticBlockGraphs.Communities), communities.index_select(0, graphs).reshape(-1));
        });

    /// <summary>The fraction of nodes whose highest logit is their community.</summary>
    public static double Accuracy(torch.Tensor logits, torch.Tensor communities)
    {
        using var correct = logits.argmax(-1).eq(communities).to_type(torch.ScalarType.Float64).mean();
        return correct.item<double>();
    }

    /// <summary>What always guessing the most common community would score: the share of the largest community.</summary>
    public static double MajorityRate(torch.Tensor communities)
    {
        using var counts = communities.flatten().bincount(null, StochasticBlockGraphs.Communities);
        using var largest = counts.max();
        return (double)largest.item<long>() / communities.numel();
    }
}
