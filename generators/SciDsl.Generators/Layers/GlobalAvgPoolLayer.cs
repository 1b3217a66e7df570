using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>GlobalAvgPool</c>: the mean over every spatial dim, <c>[B, C, …] → [B, C]</c>.</summary>
internal sealed record GlobalAvgPoolLayer(LayerSite Site, int InputRank = 0) : GlobalPoolLayer(Site, InputRank)
{
    public static readonly LayerKind Kind = new("GlobalAvgPool", (site, _, _) => new GlobalAvgPoolLayer(site));

    protected override string TorchReduction => "mean";

    protected override string OnnxOperator => "GlobalAveragePool";

    protected override GlobalPoolLayer WithInputRank(int rank) => this with { InputRank = rank };
}
