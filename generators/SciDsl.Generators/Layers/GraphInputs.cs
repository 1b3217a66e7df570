using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// What the dense graph layers share: node features <c>[B, N, F]</c>, and for the convolutions an
/// adjacency <c>[B, N, N]</c> for the same graphs.
/// </summary>
internal static class GraphInputs
{
    public const string Adjacency = "Adjacency";

    /// <summary>SD1001 unless the main input is <c>[B, nodes, features]</c>; null when it is.</summary>
    public static LayerInference? RequireNodeFeatures(InferContext context) =>
        context.Input.Rank == 3
            ? null
            : context.RejectShape("node features [B, nodes, features]",
                context.Input.Rank == 2
                    ? "declare the input per graph, e.g. [Model(\"x: B,N,16; adj: B,N,N\")], or [Reshape] to [B, N, F]"
                    : "[Reshape] or [Flatten] to one feature vector per node, [B, N, F]");

    /// <summary>SD1002 unless the adjacency is <c>[B, N, N]</c> for the batch and node count of the node features.</summary>
    public static LayerInference? RequireAdjacency(InferContext context)
    {
        var x = context.Input;
        var adjacency = context.Named(Adjacency);
        var expected = Shape.Of(x[0], x[1], x[1]);
        if (adjacency.Equals(expected)) return null;
        string why = adjacency.Rank != 3
            ? $"the adjacency has rank {adjacency.Rank}"
            : !adjacency[0].Equals(x[0])
                ? $"the batch differs ({x[0]} vs {adjacency[0]})"
                : $"the adjacency is not {x[1]}×{x[1]} for the {x[1]} nodes of the features";
        return context.Fail(DiagnosticDescriptors.MergedShapesDisagree, context.Site.Display,
            $"node features {x} from {context.Source} and adjacency {adjacency} from {context.NamedSource(Adjacency)}",
            $"{why}; the adjacency must be {expected}: declare both with the same node symbol, e.g. \"x: B,N,F; adj: B,N,N\"");
    }
}
