using TorchSharp;

namespace SciDsl.Samples.GraphCommunities;

/// <summary>How the sample scores its node classifiers.</summary>
public static class CommunityScoring
{
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
