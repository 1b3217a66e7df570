using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary>A reduction over every spatial dim, <c>[B, C, …] → [B, C]</c>: the global poolings.</summary>
internal abstract record GlobalPoolLayer(LayerSite Site, int InputRank) : LayerSpec(Site)
{
    /// <summary>The TorchSharp tensor method reducing over a list of dims, e.g. <c>mean</c>.</summary>
    protected abstract string TorchReduction { get; }

    protected abstract string OnnxOperator { get; }

    protected abstract GlobalPoolLayer WithInputRank(int rank);

    public override LayerInference Infer(InferContext context)
    {
        var input = context.Input;
        if (input.Rank < 3) return context.RejectShape("[B, channels, spatial…]", "pool a feature map, before any Flatten");
        return context.Ok(WithInputRank(input.Rank), Shapes.Shape.Of(input[0], input[1]));
    }

    public override string? TorchType => null;

    public override string TorchForward(string module, IReadOnlyList<string> inputs) =>
        $"{inputs[0]}.{TorchReduction}([{string.Join(", ", Enumerable.Range(2, InputRank - 2).Select(d => Literal.Long(d)))}])";

    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        string pooled = onnx.Step("pool", OnnxOperator, new[] { onnx.Input });
        onnx.Node("Flatten", new[] { pooled }, OnnxEmitContext.Int("axis", 1));
    }
}
