using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>GlobalMaxPool</c>: the maximum over every spatial dim, <c>[B, C, …] → [B, C]</c>.</summary>
internal sealed record GlobalMaxPoolLayer(LayerSite Site, int InputRank = 0) : GlobalPoolLayer(Site, InputRank)
{
    public static readonly LayerKind Kind = new("GlobalMaxPool", (site, _, _) => new GlobalMaxPoolLayer(site));

    protected override string TorchReduction => "amax";

    protected override string OnnxOperator => "GlobalMaxPool";

    protected override GlobalPoolLayer WithInputRank(int rank) => this with { InputRank = rank };
}
