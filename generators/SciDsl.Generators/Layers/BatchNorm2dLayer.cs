using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary><c>BatchNorm2d</c> over <c>[B, C, H, W]</c>; C inferred.</summary>
internal sealed record BatchNorm2dLayer(LayerSite Site, double Eps, double Momentum, Dim? Features = null) : BatchNormLayer(Site, Eps, Momentum, Features)
{
    public static readonly LayerKind Kind = new("BatchNorm2d",
        (site, args, errors) => ParseArguments(args, errors) is { } parsed ? new BatchNorm2dLayer(site, parsed.Eps, parsed.Momentum) : null);

    protected override string ExpectedShape => "[B, channels, height, width]";

    protected override bool Accepts(int rank) => rank == 4;

    public override string TorchType => "BatchNorm2d";
}
