using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>Add("a", "b", …)</c>: the element-wise sum of nodes whose shapes are provably equal (SD1002 otherwise).</summary>
internal sealed record AddLayer(LayerSite Site) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("Add", (site, _, errors) => MergeInputs.HasSources(site, errors) ? new AddLayer(site) : null);

    public override LayerInference Infer(InferContext context) => MergeInputs.RequireEqualShapes(this, context, "added");

    public override string? TorchType => null;

    public override string TorchForward(string module, IReadOnlyList<string> inputs) => string.Join(" + ", inputs);

    // ONNX Add takes two inputs; Sum takes any number.
    public override void EmitOnnx(OnnxEmitContext onnx) => onnx.Node(onnx.Inputs.Count == 2 ? "Add" : "Sum", onnx.Inputs);
}
