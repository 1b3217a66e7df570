using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>AvgPool1d(kernel, Stride, Padding)</c>: average pooling, <c>[B, C, L] → [B, C, L']</c>.</summary>
internal sealed record AvgPool1dLayer(LayerSite Site, PoolingArguments Args) : PoolingLayer(Site, Args)
{
    public static readonly LayerKind Kind = new("AvgPool1d",
        (site, args, errors) => PoolingArguments.Parse(args, errors) is { } parsed ? new AvgPool1dLayer(site, parsed) : null);

    protected override int SpatialRank => 1;

    protected override string OnnxOperator => "AveragePool";

    public override string TorchType => "AvgPool1d";
}
