using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>Use(typeof(Block), Repeat)</c>: another <c>[Model]</c> as a sub-module, applied Repeat times in a row.</summary>
internal sealed record UseLayer(LayerSite Site, ModelSpec Block, int Repeat, EquatableArray<BlockApplication> Applications)
    : BlockLayer(Site, Block, Repeat, Applications)
{
    public static readonly LayerKind Kind = new("Use", (site, args, errors) =>
        ReadBlock(site, args, errors, out int repeat) is { } block ? new UseLayer(site, block, repeat, EquatableArray<BlockApplication>.Empty) : null);

    protected override bool AddsInput => false;
}
