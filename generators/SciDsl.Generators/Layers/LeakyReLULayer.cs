using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>LeakyReLU(Slope = 0.01)</c>: x for x ≥ 0, slope · x below.</summary>
internal sealed record LeakyReLULayer(LayerSite Site, double Slope) : ElementwiseLayer(Site)
{
    public static readonly LayerKind Kind = new("LeakyReLU", (site, args, _) => new LeakyReLULayer(site, args.Double("Slope", 0.01)));

    public override string TorchType => "LeakyReLU";

    public override string TorchFactory() => $"{Torch.Nn}.LeakyReLU({Literal.Double(Slope)})";

    public override void EmitOnnx(OnnxEmitContext onnx) =>
        onnx.Node("LeakyRelu", new[] { onnx.Input }, OnnxEmitContext.FloatAttribute("alpha", Slope));
}
