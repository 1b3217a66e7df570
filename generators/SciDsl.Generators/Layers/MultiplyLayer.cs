using System.Collections.Generic;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>Multiply("a", "b", …)</c>: the element-wise product of nodes whose shapes are provably equal (SD1002 otherwise).</summary>
internal sealed record MultiplyLayer(LayerSite Site) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("Multiply", (site, _, errors) => MergeInputs.HasSources(site, errors) ? new MultiplyLayer(site) : null);

    public override LayerInference Infer(InferContext context) => MergeInputs.RequireEqualShapes(this, context, "multiplied");

    public override string? TorchType => null;

    public override string TorchForward(string module, IReadOnlyList<string> inputs) => string.Join(" * ", inputs);

    /// <summary>ONNX Mul takes two inputs, so more are multiplied in a chain, left to right as in C#.</summary>
    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        string product = onnx.Inputs[0];
        for (int i = 1; i < onnx.Inputs.Count - 1; i++)
            product = onnx.Step($"product_{i}", "Mul", new[] { product, onnx.Inputs[i] });
        onnx.Node("Mul", new[] { product, onnx.Inputs[onnx.Inputs.Count - 1] });
    }
}
