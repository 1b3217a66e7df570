using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SciDsl.Generators.Diagnostics;

/// <summary>A source location as plain values, so pipeline records hold no syntax tree.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());

    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    /// <summary>A location inside <paramref name="compilation"/>'s tree, so #pragma suppression applies.</summary>
    public Location ToLocation(Compilation? compilation)
    {
        if (compilation is not null)
            foreach (var tree in compilation.SyntaxTrees)
                if (tree.FilePath == FilePath)
                    return Location.Create(tree, Span);
        return Location.Create(FilePath, Span, LineSpan);
    }
}
