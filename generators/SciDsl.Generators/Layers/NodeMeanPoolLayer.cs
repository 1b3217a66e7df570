using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>NodeMeanPool</c>: the mean over the nodes of each graph, <c>[B, N, F] → [B, F]</c>.</summary>
internal sealed record NodeMeanPoolLayer(LayerSite Site) : NodePoolLayer(Site, "mean", "ReduceMean")
{
    public static readonly LayerKind Kind = new("NodeMeanPool", (site, _, _) => new NodeMeanPoolLayer(site));
}
