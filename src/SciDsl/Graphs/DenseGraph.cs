using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SciDsl.Graphs;

/// <summary>
/// The graph layers' forward arithmetic on dense batched graphs: node features <c>x [B, N, F]</c> and an
/// adjacency <c>adj [B, N, N]</c> whose row i holds the weights of the edges into node i. Generated
/// models call these with their <c>Linear</c> module; the ONNX export writes the same steps.
/// </summary>
public static class DenseGraph
{
    /// <summary>
    /// Kipf &amp; Welling's graph convolution <c>Â · x · Wᵀ + b</c> with <c>Â = D^-½ (A + I) D^-½</c>, D the row sums of
    /// A + I. <paramref name="addSelfLoops"/> adds I (to a diagonal already present too); without it Â is built
    /// from A alone. Degrees below 1 count as 1, as in PyTorch Geometric's DenseGCNConv, so a node without
    /// edges gets zeros rather than NaN. <paramref name="normalize"/> = false uses A (+ I) unscaled.
    /// </summary>
    public static Tensor GcnConv(Linear linear, Tensor x, Tensor adj, bool addSelfLoops = true, bool normalize = true)
    {
        using var scope = NewDisposeScope();
        var features = nn.functional.linear(x, linear.weight!);
        Tensor? scale = null;
        if (normalize)
        {
            var degree = adj.sum(-1, keepdim: true);
            if (addSelfLoops) degree = degree + 1;
            scale = degree.clamp_min(1).pow(-0.5);
            features = features * scale;
        }
        var propagated = adj.matmul(features);
        if (addSelfLoops) propagated = propagated + features;
        if (scale is not null) propagated = propagated * scale;
        return (propagated + linear.bias!).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// GraphSAGE: <c>W · [x ‖ agg_j x_j] + b</c>, i.e. W_self·x + W_neigh·agg + b, with <paramref name="linear"/>
    /// a <c>Linear(2F, out)</c>. The mean divides <c>adj · x</c> by the row sums of adj, at least 1, so a node
    /// without neighbours aggregates zeros.
    /// </summary>
    public static Tensor SageConv(Linear linear, Tensor x, Tensor adj, NeighbourAggregation aggregate = NeighbourAggregation.Mean)
    {
        using var scope = NewDisposeScope();
        var neighbours = adj.matmul(x);
        if (aggregate == NeighbourAggregation.Mean) neighbours = neighbours / adj.sum(-1, keepdim: true).clamp_min(1);
        return linear.forward(cat([x, neighbours], -1)).MoveToOuterDisposeScope();
    }
}
