using System.Collections.Generic;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary>
/// <c>Reparameterize(From = "mu,logvar")</c>, a VAE's sampling step: <c>mu + exp(½·logvar) · ε</c> with
/// <c>ε ~ N(0, 1)</c> in training, <c>mu</c> in eval (and in ONNX). mu and logvar must have equal shapes (SD1002).
/// </summary>
internal sealed record ReparameterizeLayer(LayerSite Site) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("Reparameterize", Parse);

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors)
    {
        if (site.From.Count != 2)
            errors.Add($"it reads a mean and a log-variance: write From = \"mu,logvar\" with the two nodes' names; it names {site.From.Count}");
        return errors.Any ? null : new ReparameterizeLayer(site);
    }

    public override LayerInference Infer(InferContext context)
    {
        var (mu, logvar) = (context.Inputs[0], context.Inputs[1]);
        return mu.Equals(logvar)
            ? context.Ok(this, mu)
            : context.Fail(DiagnosticDescriptors.MergedShapesDisagree, Site.Display, MergeInputs.Describe(context),
                "the mean and the log-variance must have equal shapes; give both heads the same width");
    }

    public override string? TorchType => null;

    public override string TorchForward(string module, IReadOnlyList<string> inputs) =>
        $"training ? {inputs[0]} + ({inputs[1]} * 0.5).exp() * {Torch.Root}.randn_like({inputs[0]}) : {inputs[0]}";

    public override void EmitOnnx(OnnxEmitContext onnx) => onnx.Node("Identity", new[] { onnx.Input });
}
