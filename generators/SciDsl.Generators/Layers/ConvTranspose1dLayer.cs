using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary><c>ConvTranspose1d(out, Kernel, …, OutputPadding)</c>: <c>[B, C, L] → [B, out, L']</c>.</summary>
internal sealed record ConvTranspose1dLayer(LayerSite Site, ConvolutionArguments Args, int OutputPadding, Dim? InChannels = null)
    : ConvTransposeLayer(Site, Args, OutputPadding, InChannels)
{
    public static readonly LayerKind Kind = new("ConvTranspose1d",
        (site, args, errors) => Parse(args, errors, (parsed, outputPadding) => new ConvTranspose1dLayer(site, parsed, outputPadding)));

    protected override int SpatialRank => 1;

    public override string TorchType => "ConvTranspose1d";
}
