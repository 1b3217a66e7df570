using System.Collections.Generic;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>Batch normalisation over dim 1; exported with the running statistics (eval mode).</summary>
internal abstract record BatchNormLayer(LayerSite Site, double Eps, double Momentum, Dim? Features) : LayerSpec(Site)
{
    protected abstract string ExpectedShape { get; }

    protected abstract bool Accepts(int rank);

    protected static (double Eps, double Momentum)? ParseArguments(AttributeArguments args, LayerArgumentErrors errors)
    {
        double eps = args.Double("Eps", 1e-5), momentum = args.Double("Momentum", 0.1);
        if (!(eps > 0)) errors.Add($"Eps must be positive but is {Literal.Double(eps)}");
        if (!(momentum >= 0 && momentum <= 1)) errors.Add($"Momentum must be in [0, 1] but is {Literal.Double(momentum)}");
        return errors.Any ? null : (eps, momentum);
    }

    public override LayerInference Infer(InferContext context) =>
        Accepts(context.Input.Rank)
            ? context.Ok(this with { Features = context.Input[1] }, context.Input)
            : context.RejectShape(ExpectedShape, "use the BatchNorm that matches the rank (1d for [B, C] or [B, C, L], 2d for [B, C, H, W])");

    public override IEnumerable<Dim> ConstructionDims => new[] { Features! };

    public override string TorchFactory()
    {
        string call = $"{Torch.Nn}.{TorchType}({TorchSizes.Of(Features!)}";
        if (Eps != 1e-5) call += $", eps: {Literal.Double(Eps)}";
        if (Momentum != 0.1) call += $", momentum: {Literal.Double(Momentum)}";
        return call + ")";
    }

    public override void EmitOnnx(OnnxEmitContext onnx) =>
        onnx.Node("BatchNormalization",
            new[] { onnx.Input, onnx.Parameter("weight"), onnx.Parameter("bias"), onnx.Parameter("running_mean"), onnx.Parameter("running_var") },
            OnnxEmitContext.FloatAttribute("epsilon", Eps),
            OnnxEmitContext.FloatAttribute("momentum", 1 - Momentum)); // ONNX weighs the old statistics, PyTorch the new
}
