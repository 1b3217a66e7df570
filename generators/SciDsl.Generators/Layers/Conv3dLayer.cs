using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary><c>Conv3d(out, Kernel, …)</c>: <c>[B, C, D, H, W] → [B, out, D', H', W']</c>.</summary>
internal sealed record Conv3dLayer(LayerSite Site, ConvolutionArguments Args, Dim? InChannels = null) : ConvolutionLayer(Site, Args, InChannels)
{
    public static readonly LayerKind Kind = new("Conv3d",
        (site, args, errors) => ConvolutionArguments.Parse(args, errors) is { } parsed ? new Conv3dLayer(site, parsed) : null);

    protected override int SpatialRank => 3;

    public override string TorchType => "Conv3d";
}
