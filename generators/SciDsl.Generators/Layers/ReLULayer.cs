using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>ReLU</c>: rectified linear unit, max(x, 0).</summary>
internal sealed record ReLULayer(LayerSite Site) : ElementwiseLayer(Site)
{
    public static readonly LayerKind Kind = new("ReLU", (site, _, _) => new ReLULayer(site));

    public override string TorchType => "ReLU";

    public override void EmitOnnx(OnnxEmitContext onnx) => onnx.Node("Relu", new[] { onnx.Input });
}
