using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>Softmax(Dim = -1)</c>: exponentials normalised to sum to 1 along Dim.</summary>
internal sealed record SoftmaxLayer(LayerSite Site, int Dim) : AxisNormalizingLayer(Site, Dim)
{
    public static readonly LayerKind Kind = new("Softmax", (site, args, _) => new SoftmaxLayer(site, args.Int("Dim", -1)));

    protected override string OnnxOperator => "Softmax";

    public override string TorchType => "Softmax";
}
