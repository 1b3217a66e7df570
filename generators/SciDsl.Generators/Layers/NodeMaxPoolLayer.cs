using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>NodeMaxPool</c>: the element-wise maximum over the nodes of each graph, <c>[B, N, F] → [B, F]</c>.</summary>
internal sealed record NodeMaxPoolLayer(LayerSite Site) : NodePoolLayer(Site, "amax", "ReduceMax")
{
    public static readonly LayerKind Kind = new("NodeMaxPool", (site, _, _) => new NodeMaxPoolLayer(site));
}
