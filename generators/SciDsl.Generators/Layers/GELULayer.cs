using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>GELU</c> (exact): <c>0.5 · x · (1 + erf(x / √2))</c>.</summary>
internal sealed record GELULayer(LayerSite Site) : ElementwiseLayer(Site)
{
    public static readonly LayerKind Kind = new("GELU", (site, _, _) => new GELULayer(site));

    public override string TorchType => "GELU";

    // ONNX has Gelu only from opset 20, so opset 17 spells the formula out.
    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        string scaled = onnx.Step("div", "Div", new[] { onnx.Input, onnx.FloatConstant("sqrt2", 1.4142135623730951) });
        string erf = onnx.Step("erf", "Erf", new[] { scaled });
        string onePlus = onnx.Step("add", "Add", new[] { erf, onnx.FloatConstant("one", 1.0) });
        string times = onnx.Step("mul", "Mul", new[] { onnx.Input, onePlus });
        onnx.Node("Mul", new[] { times, onnx.FloatConstant("half", 0.5) });
    }
}
