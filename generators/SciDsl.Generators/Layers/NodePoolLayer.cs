using System.Collections.Generic;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// Graph readout shared by <c>NodeMeanPool</c> and <c>NodeMaxPool</c>: reduces the node dim,
/// <c>[B, N, F] → [B, F]</c>, in ONNX a Reduce* over axis 1 (axes an attribute before opset 18, an input from it).
/// </summary>
/// <param name="TorchMethod">The tensor method reducing dims, e.g. <c>mean</c>.</param>
/// <param name="OnnxOperator">The ONNX reduction, e.g. <c>ReduceMean</c>.</param>
internal abstract record NodePoolLayer(LayerSite Site, string TorchMethod, string OnnxOperator) : LayerSpec(Site)
{
    public override LayerInference Infer(InferContext context) =>
        GraphInputs.RequireNodeFeatures(context) ?? context.Ok(this, Shape.Of(context.Input[0], context.Input[2]));

    public override string? TorchType => null;

    public override string TorchForward(string module, IReadOnlyList<string> inputs) => $"{inputs[0]}.{TorchMethod}([1])";

    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        string keepdims = OnnxEmitContext.Int("keepdims", 0);
        onnx.ByOpset(18,
            () => onnx.Node(OnnxOperator, new[] { onnx.Input, onnx.LongsConstant("node_axis", new[] { 1L }) }, keepdims),
            () => onnx.Node(OnnxOperator, new[] { onnx.Input }, OnnxEmitContext.Ints("axes", new[] { 1L }), keepdims));
    }
}
