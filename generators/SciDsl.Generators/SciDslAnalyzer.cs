using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SciDsl.Generators.Check;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators;

/// <summary>
/// Reports every SciDsl diagnostic with the same parse and shape code the generator uses,
/// at real source locations. An unexpected exception becomes SD9999 naming the type.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SciDslAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(Analyze, SymbolKind.NamedType);
    }

    private static void Analyze(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ModelParser.ModelAttribute)) return;
        try
        {
            var parsed = ModelParser.Parse(type, context.CancellationToken);
            var diagnostics = parsed.Diagnostics;
            if (parsed.Spec is { } spec && diagnostics.Count == 0) diagnostics = ShapeChecker.Check(spec).Diagnostics;
            foreach (var diagnostic in diagnostics) context.ReportDiagnostic(diagnostic.ToDiagnostic(context.Compilation));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var location = DeclaredTypeReader.IdentifierLocation(type);
            context.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, location,
                type.ToDisplayString(), $"{e.GetType().Name}: {e.Message}").ToDiagnostic(context.Compilation));
        }
    }
}
