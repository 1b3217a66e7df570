using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>How sizes appear in emitted TorchSharp calls: literals, or constructor parameters by name.</summary>
internal static class TorchSizes
{
    public static string Of(Dim dim) => dim.ToCSharp(symbol => symbol);
}
