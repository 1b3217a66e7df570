using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SciDsl.Generators.Check;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators;

/// <summary>
/// <c>[Model]</c> class → parsed spec → shaped model → <c>X.Module.g.cs</c> and <c>X.Onnx.g.cs</c>;
/// <c>[Explain]</c> on a model or experiment → <c>X.Explain.g.cs</c>; <c>[Dataset]</c> → <c>X.Dataset.g.cs</c>; <c>[Experiment]</c> → <c>X.Experiment.g.cs</c>.
/// Invalid declarations emit nothing: <see cref="SciDslAnalyzer"/> reports why, at real source
/// locations (so <c>#pragma warning disable</c> and IDE squiggles work).
/// Parsed specs keep locations for those diagnostics; each pipeline then selects a location-free
/// value to emit from, so a blank line above a declaration leaves its outputs cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    public const string ParseStep = "SciDsl.ModelSpec";
    public const string CheckStep = "SciDsl.ShapedModel";
    public const string DatasetStep = "SciDsl.DatasetSpec";
    public const string ExperimentStep = "SciDsl.ExperimentSpec";
    public const string ExplainStep = "SciDsl.ExplainSpec";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var shaped = context.SyntaxProvider
            .ForAttributeWithMetadataName(ModelParser.ModelAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (syntax, cancellation) => GeneratorGuard.Run(() => ModelParser.Parse((INamedTypeSymbol)syntax.TargetSymbol, cancellation)))
            .WithTrackingName(ParseStep)
            .Select(static (parsed, _) => parsed is { Spec: { } spec, Diagnostics.Count: 0 } ? GeneratorGuard.Run<ShapedModel>(() => ShapeChecker.Check(spec).Spec) : null)
            .WithTrackingName(CheckStep);

        context.RegisterSourceOutput(shaped, static (output, model) =>
        {
            if (model is not null)
                Emit(output, model.Type, (".Module.g.cs", () => ModuleEmitter.Emit(model)), (".Onnx.g.cs", () => OnnxEmitter.Emit(model)));
        });

        // [Explain] checks its layers against the shaped model (its own, or its experiment's), so this pipeline parses and shapes that model itself.
        var explained = context.SyntaxProvider
            .ForAttributeWithMetadataName(ExplainParser.ExplainAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (syntax, cancellation) => GeneratorGuard.Run(() => ValidSpec(ExplainParser.ParseDeclaration((INamedTypeSymbol)syntax.TargetSymbol, cancellation))))
            .WithTrackingName(ExplainStep);
        context.RegisterSourceOutput(explained, static (output, spec) =>
        {
            if (spec is not null) Emit(output, spec.Type, (".Explain.g.cs", () => ExplainEmitter.Emit(spec)));
        });

        var datasets = context.SyntaxProvider
            .ForAttributeWithMetadataName(DatasetParser.DatasetAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (syntax, _) => GeneratorGuard.Run(() => DatasetParser.Parse((INamedTypeSymbol)syntax.TargetSymbol)))
            .Select(static (parsed, _) => ValidSpec(parsed))
            .WithTrackingName(DatasetStep);
        context.RegisterSourceOutput(datasets, static (output, data) =>
        {
            if (data is not null) Emit(output, data.Type, (".Dataset.g.cs", () => DatasetEmitter.Emit(data)));
        });

        var experiments = context.SyntaxProvider
            .ForAttributeWithMetadataName(ExperimentParser.ExperimentAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (syntax, cancellation) => GeneratorGuard.Run(() => ExperimentParser.Parse((INamedTypeSymbol)syntax.TargetSymbol, cancellation)))
            .Select(static (parsed, _) => ValidSpec(parsed))
            .WithTrackingName(ExperimentStep);
        context.RegisterSourceOutput(experiments, static (output, experiment) =>
        {
            if (experiment is not null) Emit(output, experiment.Type, (".Experiment.g.cs", () => ExperimentEmitter.Emit(experiment)));
        });
    }

    /// <summary>The spec of a valid declaration, without the diagnostics (and their locations) of an invalid one.</summary>
    private static T? ValidSpec<T>(ParseResult<T>? parsed) where T : class =>
        parsed is { Spec: { } spec, Diagnostics.Count: 0 } ? spec : null;

    /// <summary>Adds each file; an emitter's exception becomes SD9999 instead of a crashed build.</summary>
    private static void Emit(SourceProductionContext output, DeclaredType type, params (string Suffix, Func<string> Source)[] files)
    {
        try
        {
            foreach (var (suffix, source) in files) output.AddSource(HintName(type) + suffix, source());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            output.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, null, type.FullName, e.Message).ToDiagnostic(null));
        }
    }

    internal static string HintName(DeclaredType type) => type.FullName.Replace('<', '_').Replace('>', '_');
}

/// <summary>The generator never throws: a failing stage yields nothing, and the analyzer reports SD9999.</summary>
internal static class GeneratorGuard
{
    public static T? Run<T>(Func<T?> stage) where T : class
    {
        try
        {
            return stage();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }
}
