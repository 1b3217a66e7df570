using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>SiLU</c> (swish): <c>x · sigmoid(x)</c>.</summary>
internal sealed record SiLULayer(LayerSite Site) : ElementwiseLayer(Site)
{
    public static readonly LayerKind Kind = new("SiLU", (site, _, _) => new SiLULayer(site));

    public override string TorchType => "SiLU";

    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        string sigmoid = onnx.Step("sigmoid", "Sigmoid", new[] { onnx.Input });
        onnx.Node("Mul", new[] { onnx.Input, sigmoid });
    }
}
