using System.Collections.Generic;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// <c>GcnConv(out, Adjacency = "adj", AddSelfLoops, Normalize)</c>, Kipf &amp; Welling's graph convolution on
/// dense batched graphs: <c>x [B, N, F]</c>, <c>adj [B, N, N]</c> → <c>Â · x · Wᵀ + b</c>, <c>[B, N, out]</c>, with
/// <c>Â = D^-½ (A + I) D^-½</c> (D the row sums of A + I, at least 1) computed in forward. The runtime's
/// <c>DenseGraph</c> holds the TorchSharp arithmetic; the ONNX below repeats it step by step.
/// </summary>
internal sealed record GcnConvLayer(LayerSite Site, long Out, NamedInput Adjacency, bool AddSelfLoops, bool Normalize, Dim? In = null)
    : GraphConvolutionLayer(Site, Out, Adjacency, In)
{
    public static readonly LayerKind Kind = new("GcnConv", Parse);

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors)
    {
        var (outFeatures, adjacency) = ParseWidthAndAdjacency(args, errors);
        return errors.Any ? null : new GcnConvLayer(site, outFeatures, adjacency!, args.Bool("AddSelfLoops", true), args.Bool("Normalize", true));
    }

    public override string TorchFactory() => $"{Torch.Nn}.Linear({TorchSizes.Of(In!)}, {Literal.Long(Out)})";

    public override string TorchForward(string module, IReadOnlyList<string> inputs) =>
        $"global::SciDsl.Graphs.DenseGraph.GcnConv({module}, {inputs[0]}, {inputs[1]}, " +
        $"addSelfLoops: {Literal.Bool(AddSelfLoops)}, normalize: {Literal.Bool(Normalize)})";

    /// <summary>
    /// <c>h = x·Wᵀ</c>; with s = (rowsum(A) + 1)^-½: <c>s ⊙ (A·(s ⊙ h) + s ⊙ h) + b</c>, which is
    /// <c>Â·h + b</c> without building the identity.
    /// </summary>
    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        string adjacency = onnx.Inputs[1];
        string features = onnx.Step("linear", "MatMul", new[] { onnx.Input, onnx.Parameter("weight", transpose: true) });
        string? scale = null;
        if (Normalize)
        {
            scale = onnx.Step("scale", "Pow", new[] { ClampedDegree(onnx, AddSelfLoops), onnx.FloatConstant("minus_half", -0.5) });
            features = onnx.Step("scaled", "Mul", new[] { features, scale });
        }
        string propagated = onnx.Step("propagate", "MatMul", new[] { adjacency, features });
        if (AddSelfLoops) propagated = onnx.Step("self_loops", "Add", new[] { propagated, features });
        if (scale is not null) propagated = onnx.Step("normalised", "Mul", new[] { propagated, scale });
        onnx.Node("Add", new[] { propagated, onnx.Parameter("bias") });
    }
}
