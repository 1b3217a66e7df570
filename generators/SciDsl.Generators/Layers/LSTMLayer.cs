using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary><c>LSTM(hidden, Layers, Bidirectional, ReturnSequences)</c> over <c>[B, T, F]</c>.</summary>
internal sealed record LSTMLayer(LayerSite Site, RecurrentArguments Args, Dim? Features = null) : RecurrentLayer(Site, Args, Features)
{
    public static readonly LayerKind Kind = new("LSTM", Parse);

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors) =>
        RecurrentArguments.Parse(args, errors) is { } parsed ? new LSTMLayer(site, parsed) : null;

    protected override RecurrentLayer WithFeatures(Dim features) => this with { Features = features };

    protected override string GateOrder => "LstmGateOrder";

    public override string TorchType => "LSTM";

    public override string TorchFactory() => $"{Torch.Nn}.LSTM({Sizes}{FactoryOptions})";
}
