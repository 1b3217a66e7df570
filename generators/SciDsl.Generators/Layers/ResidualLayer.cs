using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>Residual(typeof(Block), Repeat)</c>: <c>x + block(x)</c>, Repeat times; the block must keep its input's shape (SD1002).</summary>
internal sealed record ResidualLayer(LayerSite Site, ModelSpec Block, int Repeat, EquatableArray<BlockApplication> Applications)
    : BlockLayer(Site, Block, Repeat, Applications)
{
    public static readonly LayerKind Kind = new("Residual", (site, args, errors) =>
        ReadBlock(site, args, errors, out int repeat) is { } block ? new ResidualLayer(site, block, repeat, EquatableArray<BlockApplication>.Empty) : null);

    protected override bool AddsInput => true;
}
