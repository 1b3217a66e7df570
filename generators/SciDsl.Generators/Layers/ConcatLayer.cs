using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// <c>Concat("a", "b", …, Dim = 1)</c>: joins nodes along Dim; every other dim must be provably equal
/// (SD1002), and the batch dim cannot be joined.
/// </summary>
internal sealed record ConcatLayer(LayerSite Site, int Dim, int Axis = 0) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("Concat",
        (site, args, errors) => MergeInputs.HasSources(site, errors) ? new ConcatLayer(site, args.Int("Dim", 1)) : null);

    public override LayerInference Infer(InferContext context)
    {
        var first = context.Input;
        int axis = Dim < 0 ? Dim + first.Rank : Dim;
        if (axis < 1 || axis >= first.Rank)
            return context.RejectShape($"a tensor with dim {Dim} after the batch", $"use Dim between 1 and {first.Rank - 1} (dim 0 is the batch)");

        Dim joined = first[axis];
        for (int i = 1; i < context.Inputs.Count; i++)
        {
            var other = context.Inputs[i];
            int? differing = other.Rank != first.Rank
                ? -1
                : Enumerable.Range(0, first.Rank).Where(d => d != axis && !first[d].Equals(other[d])).Select(d => (int?)d).FirstOrDefault();
            if (differing is { } d)
                return context.Fail(DiagnosticDescriptors.MergedShapesDisagree, Site.Display, MergeInputs.Describe(context),
                    d < 0
                        ? $"their ranks differ ({first.Rank} vs {other.Rank})"
                        : $"dim {d} differs ({first[d]} vs {other[d]}); only dim {axis} may differ when concatenating along it");
            joined += other[axis];
        }
        return context.Ok(this with { Axis = axis }, first.With(axis, joined));
    }

    public override string? TorchType => null;

    public override string TorchForward(string module, IReadOnlyList<string> inputs) =>
        $"{Torch.Root}.cat([{string.Join(", ", inputs)}], {Literal.Long(Axis)})";

    public override void EmitOnnx(OnnxEmitContext onnx) =>
        onnx.Node("Concat", onnx.Inputs, OnnxEmitContext.Int("axis", Axis));
}
