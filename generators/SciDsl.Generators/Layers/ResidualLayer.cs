using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>Residual(typeof(Block), Repeat)</c>: <c>x + block(x)</c>, Repeat times; the block must keep its input's shape (SD1002) unless <c>Projection = true</c> projects the shortcut.</summary>
internal sealed record ResidualLayer(LayerSite Site, ModelSpec Block, int Repeat, EquatableArray<BlockApplication> Applications)
    : BlockLayer(Site, Block, Repeat, Applications)
{
    public static readonly LayerKind Kind = new("Residual", (site, args, errors) =>
        ReadBlock(site, args, errors, out int repeat) is { } block && ReadProjection(args, repeat, errors) is var projects && !errors.Any
            ? new ResidualLayer(site, block, repeat, EquatableArray<BlockApplication>.Empty) { ProjectsShortcutArgument = projects }
            : null);

    /// <summary>Projection with Repeat &gt; 1 is rejected: only one block could change the shape, which a Use + Residual pair says plainly.</summary>
    private static bool ReadProjection(AttributeArguments args, int repeat, LayerArgumentErrors errors)
    {
        bool projects = args.Bool("Projection", false);
        if (projects && repeat > 1)
            errors.Add("Projection = true applies to one block: write [Residual(typeof(Block), Projection = true)] followed by [Residual(typeof(Block), Repeat = " + (repeat - 1) + ")] for the rest");
        return projects;
    }

    public bool ProjectsShortcutArgument { get; init; }

    protected override bool ProjectsShortcut => ProjectsShortcutArgument;

    protected override bool AddsInput => true;
}
