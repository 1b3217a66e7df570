using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary>Softmax-like layers that normalise along one dim (negative dims count from the end).</summary>
internal abstract record AxisNormalizingLayer(LayerSite Site, int Dim) : ElementwiseLayer(Site)
{
    protected abstract string OnnxOperator { get; }

    public override LayerInference Infer(InferContext context)
    {
        int rank = context.Input.Rank;
        if (Dim < -rank || Dim >= rank)
            return context.RejectShape($"a tensor with dim {Dim}", $"use Dim between {-rank} and {rank - 1}");
        return base.Infer(context);
    }

    public override string TorchFactory() => $"{Torch.Nn}.{TorchType}({Literal.Long(Dim)})";

    public override void EmitOnnx(OnnxEmitContext onnx) =>
        onnx.Node(OnnxOperator, new[] { onnx.Input }, OnnxEmitContext.Int("axis", Dim));
}
