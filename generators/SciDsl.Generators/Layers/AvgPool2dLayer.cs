using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>AvgPool2d(kernel, Stride, Padding)</c>: average pooling, <c>[B, C, H, W] → [B, C, H', W']</c>.</summary>
internal sealed record AvgPool2dLayer(LayerSite Site, PoolingArguments Args) : PoolingLayer(Site, Args)
{
    public static readonly LayerKind Kind = new("AvgPool2d",
        (site, args, errors) => PoolingArguments.Parse(args, errors) is { } parsed ? new AvgPool2dLayer(site, parsed) : null);

    protected override int SpatialRank => 2;

    protected override string OnnxOperator => "AveragePool";

    public override string TorchType => "AvgPool2d";
}
