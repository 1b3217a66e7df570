using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary><c>BatchNorm1d</c> over <c>[B, C]</c> or <c>[B, C, L]</c>; C inferred.</summary>
internal sealed record BatchNorm1dLayer(LayerSite Site, double Eps, double Momentum, Dim? Features = null) : BatchNormLayer(Site, Eps, Momentum, Features)
{
    public static readonly LayerKind Kind = new("BatchNorm1d",
        (site, args, errors) => ParseArguments(args, errors) is { } parsed ? new BatchNorm1dLayer(site, parsed.Eps, parsed.Momentum) : null);

    protected override string ExpectedShape => "[B, features] or [B, channels, length]";

    protected override bool Accepts(int rank) => rank is 2 or 3;

    public override string TorchType => "BatchNorm1d";
}
