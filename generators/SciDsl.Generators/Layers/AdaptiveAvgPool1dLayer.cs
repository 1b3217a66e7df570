using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary><c>AdaptiveAvgPool1d(size)</c>: <c>[B, C, L] → [B, C, size]</c>, any size (see <see cref="AdaptiveAvgPoolLayer"/>).</summary>
internal sealed record AdaptiveAvgPool1dLayer(LayerSite Site, int Size, EquatableArray<Dim> SpatialSizes = default)
    : AdaptiveAvgPoolLayer(Site, Size, SpatialSizes)
{
    public static readonly LayerKind Kind = new("AdaptiveAvgPool1d",
        (site, args, errors) => Parse(args, errors, size => new AdaptiveAvgPool1dLayer(site, size)));

    protected override int SpatialRank => 1;

    public override string TorchType => "AdaptiveAvgPool1d";
}
