namespace SciDsl;

/// <summary>
/// Kipf &amp; Welling graph convolution on dense batched graphs: node features <c>[B, N, F]</c> and the adjacency
/// named by <see cref="Adjacency"/>, <c>[B, N, N]</c>, give <c>[B, N, out]</c>:
/// <c>D^-½ (A + I) D^-½ · x · Wᵀ + b</c>, e.g. <c>[GcnConv(16, Adjacency = "adj")]</c>.
/// </summary>
public sealed class GcnConvAttribute(int outFeatures) : LayerAttribute
{
    public int OutFeatures { get; } = outFeatures;

    /// <summary>The input or earlier layer holding the adjacency <c>[B, N, N]</c> (row i: the edges into node i).</summary>
    public string? Adjacency { get; set; }

    /// <summary>Adds the identity to the adjacency (each node also keeps its own features).</summary>
    public bool AddSelfLoops { get; set; } = true;

    /// <summary>Scales the adjacency symmetrically by the degrees, D^-½ · A · D^-½.</summary>
    public bool Normalize { get; set; } = true;
}

/// <summary>How <see cref="GraphSageConvAttribute"/> combines a node's neighbours.</summary>
public enum NeighbourAggregation
{
    /// <summary>The mean over the neighbours (weighted by the adjacency); zeros for a node without any.</summary>
    Mean,
    /// <summary>The adjacency-weighted sum over the neighbours.</summary>
    Sum,
}

/// <summary>
/// GraphSAGE convolution on dense batched graphs: <c>W_self · x_i + W_neigh · agg_{j∈N(i)} x_j + b</c>,
/// <c>[B, N, F]</c> with the adjacency <c>[B, N, N]</c> → <c>[B, N, out]</c>, e.g. <c>[GraphSageConv(16, Adjacency = "adj")]</c>.
/// </summary>
public sealed class GraphSageConvAttribute(int outFeatures) : LayerAttribute
{
    public int OutFeatures { get; } = outFeatures;

    /// <summary>The input or earlier layer holding the adjacency <c>[B, N, N]</c> (row i: the edges into node i).</summary>
    public string? Adjacency { get; set; }

    public NeighbourAggregation Aggregate { get; set; } = NeighbourAggregation.Mean;
}

/// <summary>Graph readout: the mean over the nodes, <c>[B, N, F] → [B, F]</c>.</summary>
public sealed class NodeMeanPoolAttribute : LayerAttribute;

/// <summary>Graph readout: the element-wise maximum over the nodes, <c>[B, N, F] → [B, F]</c>.</summary>
public sealed class NodeMaxPoolAttribute : LayerAttribute;
