using System.Collections.Generic;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary>Collects SD2003 (invalid layer argument) while a layer reads its attribute.</summary>
internal sealed class LayerArgumentErrors(LayerSite site, List<DiagnosticInfo> diagnostics)
{
    public bool Any { get; private set; }

    public void Add(string problem)
    {
        Any = true;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerArgument, site.Location, site.Display, problem));
    }

    /// <summary>Requires <paramref name="value"/> >= <paramref name="minimum"/>; returns the value.</summary>
    public int AtLeast(string argument, int value, int minimum)
    {
        if (value < minimum) Add($"{argument} must be at least {minimum} but is {value}");
        return value;
    }

    /// <summary>SD2002 for an argument naming something that does not exist, e.g. a <c>[Lambda]</c>'s method.</summary>
    public void UnknownName(string name, string expected, string fix)
    {
        Any = true;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownName, site.Location, site.Display, name, expected, fix));
    }

    public void Malformed(string argument, string text, string? why) =>
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedShape, site.Location, text, $"{argument} of {site.Display}: {why}"));
}
