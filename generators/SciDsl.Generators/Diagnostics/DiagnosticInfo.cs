using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SciDsl.Generators.Infrastructure;

namespace SciDsl.Generators.Diagnostics;

/// <summary>A diagnostic as plain values: the descriptor's id, where, the message arguments and an optional fix.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments, CodeFixHint? Fix = null)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor.Id, location, arguments.ToEquatableArray());

    public Diagnostic ToDiagnostic(Compilation? compilation) =>
        Diagnostic.Create(
            DiagnosticDescriptors.ById(Id),
            Location?.ToLocation(compilation) ?? Microsoft.CodeAnalysis.Location.None,
            FixProperties(),
            Arguments.Cast<object>().ToArray());

    private ImmutableDictionary<string, string?>? FixProperties() =>
        Fix is null
            ? null
            : ImmutableDictionary<string, string?>.Empty
                .Add(CodeFixHint.KindKey, Fix.Kind)
                .Add(CodeFixHint.ArgumentKey, Fix.Argument)
                .Add(CodeFixHint.ValueKey, Fix.Value);
}
