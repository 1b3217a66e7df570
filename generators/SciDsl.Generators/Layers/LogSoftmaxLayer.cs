using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>LogSoftmax(Dim = -1)</c>: the logarithm of Softmax, computed stably.</summary>
internal sealed record LogSoftmaxLayer(LayerSite Site, int Dim) : AxisNormalizingLayer(Site, Dim)
{
    public static readonly LayerKind Kind = new("LogSoftmax", (site, args, _) => new LogSoftmaxLayer(site, args.Int("Dim", -1)));

    protected override string OnnxOperator => "LogSoftmax";

    public override string TorchType => "LogSoftmax";
}
