using System.Linq;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary>What the merges (Add, Multiply, Concat) share: at least two sources, and how messages list them.</summary>
internal static class MergeInputs
{
    public static bool HasSources(LayerSite site, LayerArgumentErrors errors)
    {
        if (site.From.Count < 2)
            errors.Add($"a merge needs at least two sources, e.g. [{site.Display.Split('(')[0]}(\"a\", \"b\")]; it has {site.From.Count}");
        return !errors.Any;
    }

    /// <summary><c>[B, 16, 8, 8] from Conv2d(16, …) 'a' and [B, 32, 8, 8] from Conv2d(32, …) 'b'</c></summary>
    public static string Describe(InferContext context) =>
        string.Join(" and ", context.Inputs.Select((shape, i) => $"{shape} from {context.Sources[i]}"));

    /// <summary>The shape rule of the element-wise merges: every input provably equal to the first (SD1002 otherwise).</summary>
    /// <param name="merged">How the message says what happens to the tensors, e.g. <c>added</c>.</param>
    public static LayerInference RequireEqualShapes(LayerSpec layer, InferContext context, string merged)
    {
        var first = context.Input;
        for (int i = 1; i < context.Inputs.Count; i++)
        {
            var other = context.Inputs[i];
            if (other.Equals(first)) continue;
            string why = other.Rank != first.Rank
                ? $"their ranks differ ({first.Rank} vs {other.Rank})"
                : DifferingDim(first, other, merged);
            return context.Fail(DiagnosticDescriptors.MergedShapesDisagree, layer.Site.Display, Describe(context),
                why + "; project one of them (e.g. a 1×1 Conv2d or a Linear) to the other's size");
        }
        return context.Ok(layer, first);
    }

    private static string DifferingDim(Shapes.Shape first, Shapes.Shape other, string merged)
    {
        int d = Enumerable.Range(0, first.Rank).First(i => !first[i].Equals(other[i]));
        return $"dim {d} differs ({first[d]} vs {other[d]}), and {merged} tensors must have equal shapes";
    }
}
