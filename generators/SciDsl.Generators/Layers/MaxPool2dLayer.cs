using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>MaxPool2d(kernel, Stride, Padding)</c>: max pooling, <c>[B, C, H, W] → [B, C, H', W']</c>.</summary>
internal sealed record MaxPool2dLayer(LayerSite Site, PoolingArguments Args) : PoolingLayer(Site, Args)
{
    public static readonly LayerKind Kind = new("MaxPool2d",
        (site, args, errors) => PoolingArguments.Parse(args, errors) is { } parsed ? new MaxPool2dLayer(site, parsed) : null);

    protected override int SpatialRank => 2;

    protected override string OnnxOperator => "MaxPool";

    public override string TorchType => "MaxPool2d";
}
