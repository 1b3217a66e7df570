using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>Sigmoid</c>: logistic sigmoid.</summary>
internal sealed record SigmoidLayer(LayerSite Site) : ElementwiseLayer(Site)
{
    public static readonly LayerKind Kind = new("Sigmoid", (site, _, _) => new SigmoidLayer(site));

    public override string TorchType => "Sigmoid";

    public override void EmitOnnx(OnnxEmitContext onnx) => onnx.Node("Sigmoid", new[] { onnx.Input });
}
