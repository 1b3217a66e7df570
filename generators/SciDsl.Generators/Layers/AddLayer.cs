using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>Add("a", "b", …)</c>: the element-wise sum of nodes whose shapes are provably equal (SD1002 otherwise).</summary>
internal sealed record AddLayer(LayerSite Site) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("Add", (site, _, errors) => MergeInputs.HasSources(site, errors) ? new AddLayer(site) : null);

    public override LayerInference Infer(InferContext context)
    {
        var first = context.Input;
        for (int i = 1; i < context.Inputs.Count; i++)
        {
            var other = context.Inputs[i];
            if (other.Equals(first)) continue;
            string why = other.Rank != first.Rank
                ? $"their ranks differ ({first.Rank} vs {other.Rank})"
                : DifferingDim(first, other);
            return context.Fail(DiagnosticDescriptors.MergedShapesDisagree, Site.Display, MergeInputs.Describe(context),
                why + "; project one of them (e.g. a 1×1 Conv2d or a Linear) to the other's size");
        }
        return context.Ok(this, first);
    }

    private static string DifferingDim(Shapes.Shape first, Shapes.Shape other)
    {
        int d = Enumerable.Range(0, first.Rank).First(i => !first[i].Equals(other[i]));
        return $"dim {d} differs ({first[d]} vs {other[d]}), and added tensors must have equal shapes";
    }

    public override string? TorchType => null;

    public override string TorchForward(string module, IReadOnlyList<string> inputs) => string.Join(" + ", inputs);

    // ONNX Add takes two inputs; Sum takes any number.
    public override void EmitOnnx(OnnxEmitContext onnx) => onnx.Node(onnx.Inputs.Count == 2 ? "Add" : "Sum", onnx.Inputs);
}
