using System.Collections.Generic;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// What GcnConv and GraphSageConv share: an output width and an <c>Adjacency</c> named input, the shape rule
/// <c>x [B, N, F]</c>, <c>adj [B, N, N]</c> → <c>[B, N, out]</c>, and a <c>Linear</c> module sized by F.
/// </summary>
internal abstract record GraphConvolutionLayer(LayerSite Site, long Out, NamedInput Adjacency, Dim? In) : LayerSpec(Site)
{
    /// <summary>Reads the output width and the adjacency's name (SD2003 when either is missing or invalid).</summary>
    protected static (long Out, NamedInput? Adjacency) ParseWidthAndAdjacency(AttributeArguments args, LayerArgumentErrors errors) =>
        (errors.AtLeast("the output width", args.Int("outFeatures", 0), 1), NamedInput.Required(args, GraphInputs.Adjacency, "adj", errors));

    public override EquatableArray<NamedInput> NamedInputs => EquatableArray.Of(Adjacency);

    public override LayerInference Infer(InferContext context)
    {
        if ((GraphInputs.RequireNodeFeatures(context) ?? GraphInputs.RequireAdjacency(context)) is { } rejected) return rejected;
        var x = context.Input;
        return context.Ok(this with { In = x.Last }, x.With(2, Dim.Of(Out)));
    }

    public override string TorchType => "Linear";

    public override IEnumerable<Dim> ConstructionDims => new[] { In! };

    /// <summary>ONNX for the row sums of the adjacency (plus one for a self-loop), at least 1: <c>[B, N, 1]</c>.</summary>
    protected static string ClampedDegree(OnnxEmitContext onnx, bool addSelfLoop)
    {
        string degree = onnx.Step("degree", "ReduceSum", new[] { onnx.Inputs[1], onnx.LongsConstant("last_axis", new[] { -1L }) },
            OnnxEmitContext.Int("keepdims", 1));
        if (addSelfLoop) degree = onnx.Step("degree_self", "Add", new[] { degree, onnx.FloatConstant("one", 1) });
        return onnx.Step("degree_clamped", "Max", new[] { degree, onnx.FloatConstant("min_degree", 1) });
    }
}
