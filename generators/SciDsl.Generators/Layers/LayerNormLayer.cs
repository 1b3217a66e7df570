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
        onnx.ByOpset(17,
            () => onnx.Node("LayerNormalization", new[] { onnx.Input, onnx.Parameter("weight"), onnx.Parameter("bias") },
                OnnxEmitContext.Int("axis", -1), OnnxEmitContext.FloatAttribute("epsilon", Eps)),
            () => EmitArithmetic(onnx));

    /// <summary>(x − mean) / √(biased variance + eps) · weight + bias over the last dim, as PyTorch computes it.</summary>
    private void EmitArithmetic(OnnxEmitContext onnx)
    {
        // Only below opset 17, where ReduceMean still takes its axes as an attribute (an input from opset 18).
        string axes = OnnxEmitContext.Ints("axes", new[] { -1L });
        string mean = onnx.Step("mean", "ReduceMean", new[] { onnx.Input }, axes);
        string centred = onnx.Step("centred", "Sub", new[] { onnx.Input, mean });
        string square = onnx.Step("square", "Mul", new[] { centred, centred });
        string variance = onnx.Step("variance", "ReduceMean", new[] { square }, axes);
        string shifted = onnx.Step("shifted", "Add", new[] { variance, onnx.FloatConstant("eps", Eps) });
        string deviation = onnx.Step("deviation", "Sqrt", new[] { shifted });
        string normalised = onnx.Step("normalised", "Div", new[] { centred, deviation });
        string scaled = onnx.Step("scaled", "Mul", new[] { normalised, onnx.Parameter("weight") });
        onnx.Node("Add", new[] { scaled, onnx.Parameter("bias") });
    }
}
