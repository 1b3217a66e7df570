using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary><c>RNN(hidden, Layers, Bidirectional, ReturnSequences)</c>: an Elman RNN with tanh over <c>[B, T, F]</c>.</summary>
internal sealed record RNNLayer(LayerSite Site, RecurrentArguments Args, Dim? Features = null) : RecurrentLayer(Site, Args, Features)
{
    public static readonly LayerKind Kind = new("RNN", Parse);

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors) =>
        RecurrentArguments.Parse(args, errors) is { } parsed ? new RNNLayer(site, parsed) : null;

    protected override RecurrentLayer WithFeatures(Dim features) => this with { Features = features };

    protected override string GateOrder => "RnnGateOrder";

    public override string TorchType => "RNN";

    public override string TorchFactory() => $"{Torch.Nn}.RNN({Sizes}{FactoryOptions})";
}
