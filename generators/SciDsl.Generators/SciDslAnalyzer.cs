using System;
using System.Collections.Generic;
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
        var declared = type.GetAttributes().Select(a => a.AttributeClass?.ToDisplayString()).ToList();
        bool isModel = declared.Contains(ModelParser.ModelAttribute);
        bool isDataset = declared.Contains(DatasetParser.DatasetAttribute);
        bool isExperiment = declared.Contains(ExperimentParser.ExperimentAttribute);
        bool explains = ExplainParser.Declares(type);
        if (!isModel && !isDataset && !isExperiment && !explains) return;
        try
        {
            var diagnostics = new List<DiagnosticInfo>();
            if (isModel)
            {
                var parsed = ModelParser.Parse(type, context.CancellationToken);
                diagnostics.AddRange(parsed.Spec is { } spec && parsed.Diagnostics.Count == 0 ? ShapeChecker.Check(spec).Diagnostics : parsed.Diagnostics);
            }
            if (isDataset) diagnostics.AddRange(DatasetParser.Parse(type).Diagnostics);
            if (isExperiment) diagnostics.AddRange(ExperimentParser.Parse(type, context.CancellationToken).Diagnostics);
            if (explains && ExplainParser.ParseDeclaration(type, context.CancellationToken) is { } explained) diagnostics.AddRange(explained.Diagnostics);
            // SD2006 is found by each parser of a type that is several things at once: report it once.
            foreach (var diagnostic in diagnostics.Distinct()) context.ReportDiagnostic(diagnostic.ToDiagnostic(context.Compilation));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var location = DeclaredTypeReader.IdentifierLocation(type);
            context.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, location,
                type.ToDisplayString(), $"{e.GetType().Name}: {e.Message}").ToDiagnostic(context.Compilation));
        }
    }
}
