using System.Linq;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary>What the merges (Add, Concat) share: at least two sources, and how messages list them.</summary>
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
}
