using System.Collections.Generic;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// <c>GraphSageConv(out, Adjacency = "adj", Aggregate)</c> on dense batched graphs: <c>x [B, N, F]</c>,
/// <c>adj [B, N, N]</c> → <c>W · [x ‖ agg_j∈N(i) x_j] + b</c>, <c>[B, N, out]</c>, i.e. W_self·x + W_neigh·agg + b
/// with one <c>Linear(2F, out)</c>. The mean divides <c>adj · x</c> by the row sums of adj, at least 1, so a node
/// without neighbours aggregates zeros (as PyTorch Geometric's DenseSAGEConv).
/// </summary>
/// <param name="Aggregate">A member name of the runtime's <c>NeighbourAggregation</c> enum.</param>
internal sealed record GraphSageConvLayer(LayerSite Site, long Out, NamedInput Adjacency, string Aggregate, Dim? In = null)
    : GraphConvolutionLayer(Site, Out, Adjacency, In)
{
    public static readonly LayerKind Kind = new("GraphSageConv", Parse);

    private const string Mean = "Mean";
    private const string Sum = "Sum";

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors)
    {
        var (outFeatures, adjacency) = ParseWidthAndAdjacency(args, errors);
        string aggregate = args.String("Aggregate") ?? Mean;
        if (aggregate is not (Mean or Sum))
            errors.Add($"Aggregate must be NeighbourAggregation.Mean or NeighbourAggregation.Sum but is {aggregate}");
        return errors.Any ? null : new GraphSageConvLayer(site, outFeatures, adjacency!, aggregate);
    }

    public override string TorchFactory() => $"{Torch.Nn}.Linear({TorchSizes.Of(In! * 2)}, {Literal.Long(Out)})";

    public override string TorchForward(string module, IReadOnlyList<string> inputs) =>
        $"global::SciDsl.Graphs.DenseGraph.SageConv({module}, {inputs[0]}, {inputs[1]}, global::SciDsl.NeighbourAggregation.{Aggregate})";

    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        string neighbours = onnx.Step("neighbour_sum", "MatMul", new[] { onnx.Inputs[1], onnx.Input });
        if (Aggregate == Mean)
        {
            neighbours = onnx.Step("neighbour_mean", "Div", new[] { neighbours, ClampedDegree(onnx, addSelfLoop: false) });
        }
        string joined = onnx.Step("concat", "Concat", new[] { onnx.Input, neighbours }, OnnxEmitContext.Int("axis", -1));
        string product = onnx.Step("linear", "MatMul", new[] { joined, onnx.Parameter("weight", transpose: true) });
        onnx.Node("Add", new[] { product, onnx.Parameter("bias") });
    }
}
