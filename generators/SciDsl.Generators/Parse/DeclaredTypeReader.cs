using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Infrastructure;

namespace SciDsl.Generators.Parse;

/// <summary>Reads where a declared type lives and checks it can be extended (SD2006, SD2007, SD2010, SD2011).</summary>
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

    /// <summary>
    /// The first reason the generated partial cannot extend the class: SD2007 for a record (the only
    /// non-class an attribute on classes can reach), SD2010 for a form it cannot re-open, SD2011 when
    /// the class is named like one of the <paramref name="generatedMembers"/>, SD2006 when not partial.
    /// </summary>
    public static DiagnosticInfo? RequireSupportedClass(INamedTypeSymbol type, LocationInfo? location, string attribute, IEnumerable<string> generatedMembers)
    {
        if (type.IsRecord) return DiagnosticInfo.Create(DiagnosticDescriptors.NotAClass, location, type.Name, Keyword(type), attribute);
        if (UnsupportedForm(type) is var (why, fix))
            return DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClass, location, Display(type), why, attribute, fix);
        if (GeneratedNames.ClashOfClassName(type.Name, generatedMembers) is { } clash)
            return DiagnosticInfo.Create(DiagnosticDescriptors.NameClash, location, $"class '{type.Name}'", clash, "rename the class");
        return RequirePartial(type, location);
    }

    /// <summary>Class forms a partial declaration in another file cannot re-open as the same type.</summary>
    private static (string Why, string Fix)? UnsupportedForm(INamedTypeSymbol type)
    {
        if (type.IsStatic) return ("is static", "remove 'static': SciDsl creates instances of it");
        if (type.Arity > 0) return ("is generic", "remove the type parameters: SciDsl generates one concrete class");
        if (type.IsFileLocal) return ("is file-local", "declare it internal or public: the generated members live in another file");
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            if (outer.Arity > 0) return ($"is nested in the generic type '{Display(outer)}'", $"move it out of '{Display(outer)}'");
        return null;
    }

    private static string Display(INamedTypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

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
        type.TypeKind == TypeKind.Interface ? "interface"
        : type.IsRecord ? (type.IsValueType ? "record struct" : "record")
        : type.IsValueType ? "struct" : "class";

    public static LocationInfo? IdentifierLocation(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>()
            .Select(d => LocationInfo.From(d.Identifier.GetLocation())).FirstOrDefault();
}
