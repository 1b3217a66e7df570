using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Infrastructure;

namespace SciDsl.Generators.Parse;

/// <summary>
/// Where a layer sits in its model: its resolved node name, what it reads, the attribute as the
/// user wrote it (quoted in messages) and its source location.
/// </summary>
/// <param name="Name">The node name: the user's <c>Name</c>, or a generated one such as <c>conv2d_1</c>.</param>
/// <param name="From">Names of the values it reads; empty means the previous node.</param>
internal sealed record LayerSite(string Name, bool IsNamedByUser, EquatableArray<string> From, string Display, LocationInfo? Location)
{
    /// <summary>How messages refer to the layer: <c>MaxPool2d(2) 'pool2'</c>.</summary>
    public string Describe() => $"{Display} '{Name}'";
}
