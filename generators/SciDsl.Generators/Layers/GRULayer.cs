using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary><c>GRU(hidden, Layers, Bidirectional, ReturnSequences)</c> over <c>[B, T, F]</c>.</summary>
internal sealed record GRULayer(LayerSite Site, RecurrentArguments Args, Dim? Features = null) : RecurrentLayer(Site, Args, Features)
{
    public static readonly LayerKind Kind = new("GRU", Parse);

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors) =>
        RecurrentArguments.Parse(args, errors) is { } parsed ? new GRULayer(site, parsed) : null;

    protected override RecurrentLayer WithFeatures(Dim features) => this with { Features = features };

    protected override string GateOrder => "GruGateOrder";

    /// <summary>PyTorch applies the reset gate after the recurrent product and its bias.</summary>
    protected override string[] OnnxAttributes => new[] { OnnxEmitContext.Int("linear_before_reset", 1) };

    public override string TorchType => "GRU";

    public override string TorchFactory() => $"{Torch.Nn}.GRU({Sizes}{FactoryOptions})";
}
