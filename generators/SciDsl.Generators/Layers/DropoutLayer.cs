using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>Dropout(p)</c>: zeroes elements with probability p in training; the identity in eval and in ONNX.</summary>
internal sealed record DropoutLayer(LayerSite Site, double P) : ElementwiseLayer(Site)
{
    public static readonly LayerKind Kind = new("Dropout", Parse);

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors)
    {
        double p = args.Double("p", 0.5);
        if (!(p >= 0 && p < 1)) errors.Add($"the dropout probability must be in [0, 1) but is {Literal.Double(p)}");
        return errors.Any ? null : new DropoutLayer(site, p);
    }

    public override string TorchType => "Dropout";

    public override string TorchFactory() => $"{Torch.Nn}.Dropout({Literal.Double(P)})";

    public override void EmitOnnx(OnnxEmitContext onnx) => onnx.PassThrough();
}
