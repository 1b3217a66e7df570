using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary><c>AdaptiveAvgPool2d(size)</c>: <c>[B, C, H, W] → [B, C, size, size]</c>, any size (see <see cref="AdaptiveAvgPoolLayer"/>).</summary>
internal sealed record AdaptiveAvgPool2dLayer(LayerSite Site, int Size, EquatableArray<Dim> SpatialSizes = default)
    : AdaptiveAvgPoolLayer(Site, Size, SpatialSizes)
{
    public static readonly LayerKind Kind = new("AdaptiveAvgPool2d",
        (site, args, errors) => Parse(args, errors, size => new AdaptiveAvgPool2dLayer(site, size)));

    protected override int SpatialRank => 2;

    public override string TorchType => "AdaptiveAvgPool2d";
}
