using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary><c>Conv1d(out, Kernel, …)</c>: <c>[B, C, L] → [B, out, L']</c>.</summary>
internal sealed record Conv1dLayer(LayerSite Site, ConvolutionArguments Args, Dim? InChannels = null) : ConvolutionLayer(Site, Args, InChannels)
{
    public static readonly LayerKind Kind = new("Conv1d",
        (site, args, errors) => ConvolutionArguments.Parse(args, errors) is { } parsed ? new Conv1dLayer(site, parsed) : null);

    protected override int SpatialRank => 1;

    public override string TorchType => "Conv1d";
}
