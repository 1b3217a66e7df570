using System.Collections.Generic;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary><c>LayerNorm(Eps)</c>: normalises the last dim (inferred), with a learnt scale and shift.</summary>
internal sealed record LayerNormLayer(LayerSite Site, double Eps, Dim? Features = null) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("LayerNorm", Parse);

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors)
    {
        double eps = args.Double("Eps", 1e-5);
        if (!(eps > 0)) errors.Add($"Eps must be positive but is {Literal.Double(eps)}");
        return errors.Any ? null : new LayerNormLayer(site, eps);
    }

    public override LayerInference Infer(InferContext context) =>
        context.Input.Rank < 2
            ? context.RejectShape("[B, …, features]", "LayerNorm needs a feature dim after the batch")
            : context.Ok(this with { Features = context.Input.Last }, context.Input);

    public override string TorchType => "LayerNorm";

    public override IEnumerable<Dim> ConstructionDims => new[] { Features! };

    public override string TorchFactory() =>
        $"{Torch.Nn}.LayerNorm({TorchSizes.Of(Features!)}{(Eps != 1e-5 ? ", eps: " + Literal.Double(Eps) : "")})";

    public override void EmitOnnx(OnnxEmitContext onnx) =>
        onnx.Node("LayerNormalization", new[] { onnx.Input, onnx.Parameter("weight"), onnx.Parameter("bias") },
            OnnxEmitContext.Int("axis", -1), OnnxEmitContext.FloatAttribute("epsilon", Eps));
}
