using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary><c>ConvTranspose2d(out, Kernel, …, OutputPadding)</c>: <c>[B, C, H, W] → [B, out, H', W']</c>.</summary>
internal sealed record ConvTranspose2dLayer(LayerSite Site, ConvolutionArguments Args, int OutputPadding, Dim? InChannels = null)
    : ConvTransposeLayer(Site, Args, OutputPadding, InChannels)
{
    public static readonly LayerKind Kind = new("ConvTranspose2d",
        (site, args, errors) => Parse(args, errors, (parsed, outputPadding) => new ConvTranspose2dLayer(site, parsed, outputPadding)));

    protected override int SpatialRank => 2;

    public override string TorchType => "ConvTranspose2d";
}
