using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>GlobalAvgPool</c>: the mean over every spatial dim, <c>[B, C, …] → [B, C]</c>.</summary>
internal sealed record GlobalAvgPoolLayer(LayerSite Site, int InputRank = 0) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("GlobalAvgPool", (site, _, _) => new GlobalAvgPoolLayer(site));

    public override LayerInference Infer(InferContext context)
    {
        var input = context.Input;
        if (input.Rank < 3) return context.RejectShape("[B, channels, spatial…]", "pool a feature map, before any Flatten");
        return context.Ok(this with { InputRank = input.Rank }, Shapes.Shape.Of(input[0], input[1]));
    }

    public override string? TorchType => null;

    public override string TorchForward(string module, IReadOnlyList<string> inputs) =>
        $"{inputs[0]}.mean([{string.Join(", ", Enumerable.Range(2, InputRank - 2).Select(d => Literal.Long(d)))}])";

    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        string pooled = onnx.Step("pool", "GlobalAveragePool", new[] { onnx.Input });
        onnx.Node("Flatten", new[] { pooled }, OnnxEmitContext.Int("axis", 1));
    }
}
