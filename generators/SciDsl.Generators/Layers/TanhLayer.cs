using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>Tanh</c>: hyperbolic tangent.</summary>
internal sealed record TanhLayer(LayerSite Site) : ElementwiseLayer(Site)
{
    public static readonly LayerKind Kind = new("Tanh", (site, _, _) => new TanhLayer(site));

    public override string TorchType => "Tanh";

    public override void EmitOnnx(OnnxEmitContext onnx) => onnx.Node("Tanh", new[] { onnx.Input });
}
