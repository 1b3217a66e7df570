using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>ELU(Alpha = 1)</c>: x for x &gt; 0, alpha · (eˣ − 1) below.</summary>
internal sealed record ELULayer(LayerSite Site, double Alpha) : ElementwiseLayer(Site)
{
    public static readonly LayerKind Kind = new("ELU", (site, args, _) => new ELULayer(site, args.Double("Alpha", 1.0)));

    public override string TorchType => "ELU";

    public override string TorchFactory() => Alpha == 1.0 ? $"{Torch.Nn}.ELU()" : $"{Torch.Nn}.ELU({Literal.Double(Alpha)})";

    public override void EmitOnnx(OnnxEmitContext onnx) =>
        onnx.Node("Elu", new[] { onnx.Input }, OnnxEmitContext.FloatAttribute("alpha", Alpha));
}
