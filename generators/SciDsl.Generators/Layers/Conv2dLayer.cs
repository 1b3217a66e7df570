using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary><c>Conv2d(out, Kernel, …)</c>: <c>[B, C, H, W] → [B, out, H', W']</c>.</summary>
internal sealed record Conv2dLayer(LayerSite Site, ConvolutionArguments Args, Dim? InChannels = null) : ConvolutionLayer(Site, Args, InChannels)
{
    public static readonly LayerKind Kind = new("Conv2d",
        (site, args, errors) => ConvolutionArguments.Parse(args, errors) is { } parsed ? new Conv2dLayer(site, parsed) : null);

    protected override int SpatialRank => 2;

    public override string TorchType => "Conv2d";
}
