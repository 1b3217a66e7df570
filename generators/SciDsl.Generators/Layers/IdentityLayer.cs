using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>Identity</c>: its output is its input (a placeholder, or a named tap on a value).</summary>
internal sealed record IdentityLayer(LayerSite Site) : ElementwiseLayer(Site)
{
    public static readonly LayerKind Kind = new("Identity", (site, _, _) => new IdentityLayer(site));

    public override string TorchType => "Identity";

    public override void EmitOnnx(OnnxEmitContext onnx) => onnx.PassThrough();
}
