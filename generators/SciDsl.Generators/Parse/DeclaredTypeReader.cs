using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Infrastructure;

namespace SciDsl.Generators.Parse;

/// <summary>Reads where a declared type lives and checks it can be extended (SD2006).</summary>
internal static class DeclaredTypeReader
{
    public static DeclaredType Read(INamedTypeSymbol type)
    {
        var containing = new List<string>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            containing.Insert(0, $"partial {Keyword(outer)} {outer.Name}");
        string? ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
        return new DeclaredType(ns, containing.ToEquatableArray(), type.Name, Keyword(type));
    }

    /// <summary>SD2007 for a record (the only non-class an attribute on classes can reach), else SD2006 when not partial.</summary>
    public static DiagnosticInfo? RequirePartialClass(INamedTypeSymbol type, LocationInfo? location, string attribute) =>
        type.IsRecord
            ? DiagnosticInfo.Create(DiagnosticDescriptors.NotAClass, location, type.Name, Keyword(type), attribute)
            : RequirePartial(type, location);

    /// <summary>SD2006 when the type or one of its containing types is not declared partial.</summary>
    private static DiagnosticInfo? RequirePartial(INamedTypeSymbol type, LocationInfo? location)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            bool isPartial = current.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax())
                .OfType<TypeDeclarationSyntax>()
                .Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!isPartial)
                return DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, location, current.Name,
                    current.Equals(type, SymbolEqualityComparer.Default) ? "" : $" (it contains '{type.Name}')");
        }
        return null;
    }

    private static string Keyword(INamedTypeSymbol type) =>
        type.IsRecord ? (type.IsValueType ? "record struct" : "record") : type.IsValueType ? "struct" : "class";

    public static LocationInfo? IdentifierLocation(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>()
            .Select(d => LocationInfo.From(d.Identifier.GetLocation())).FirstOrDefault();
}
