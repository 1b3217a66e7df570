using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>MaxPool1d(kernel, Stride, Padding)</c>: max pooling, <c>[B, C, L] → [B, C, L']</c>.</summary>
internal sealed record MaxPool1dLayer(LayerSite Site, PoolingArguments Args) : PoolingLayer(Site, Args)
{
    public static readonly LayerKind Kind = new("MaxPool1d",
        (site, args, errors) => PoolingArguments.Parse(args, errors) is { } parsed ? new MaxPool1dLayer(site, parsed) : null);

    protected override int SpatialRank => 1;

    protected override string OnnxOperator => "MaxPool";

    public override string TorchType => "MaxPool1d";
}
