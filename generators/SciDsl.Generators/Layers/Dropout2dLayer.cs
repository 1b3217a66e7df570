using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary>
/// <c>Dropout2d(p)</c>: zeroes whole channels with probability p in training; the identity in eval and in ONNX.
/// As in PyTorch it takes <c>[B, C, H, W]</c>, or <c>[B, C, L]</c> (channel-wise 1-D dropout).
/// </summary>
internal sealed record Dropout2dLayer(LayerSite Site, double P) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("Dropout2d",
        (site, args, errors) => DropoutLayer.Probability(args, errors) is var p && errors.Any ? null : new Dropout2dLayer(site, p));

    public override LayerInference Infer(InferContext context) =>
        context.Input.Rank is 3 or 4
            ? context.Ok(this, context.Input)
            : context.RejectShape("[B, channels, height, width] or [B, channels, length]",
                "drop channels of a feature map; use Dropout for features after Flatten or Linear");

    public override string TorchType => "Dropout2d";

    public override string TorchFactory() => $"{Torch.Nn}.Dropout2d({Literal.Double(P)})";

    public override void EmitOnnx(OnnxEmitContext onnx) => onnx.PassThrough();
}
