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
/// <c>[Model]</c> class → parsed spec → shaped model → <c>X.Module.g.cs</c> and <c>X.Onnx.g.cs</c>.
/// Invalid declarations emit nothing: <see cref="SciDslAnalyzer"/> reports why, at real source
/// locations (so <c>#pragma warning disable</c> and IDE squiggles work).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    public const string ParseStep = "SciDsl.ModelSpec";
    public const string CheckStep = "SciDsl.ShapedModel";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var shaped = context.SyntaxProvider
            .ForAttributeWithMetadataName(ModelParser.ModelAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (syntax, cancellation) => GeneratorGuard.Run(() => ModelParser.Parse((INamedTypeSymbol)syntax.TargetSymbol, cancellation)))
            .WithTrackingName(ParseStep)
            .Select(static (parsed, _) => parsed is { Spec: { } spec, Diagnostics.Count: 0 } ? GeneratorGuard.Run(() => ShapeChecker.Check(spec)) : null)
            .WithTrackingName(CheckStep);

        context.RegisterSourceOutput(shaped, static (output, checkedModel) =>
        {
            if (checkedModel?.Spec is not { } model) return;
            try
            {
                string hint = HintName(model.Type);
                output.AddSource(hint + ".Module.g.cs", ModuleEmitter.Emit(model));
                output.AddSource(hint + ".Onnx.g.cs", OnnxEmitter.Emit(model));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                output.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, null, model.Type.FullName, e.Message).ToDiagnostic(null));
            }
        });
    }

    internal static string HintName(DeclaredType type) => type.FullName.Replace('<', '_').Replace('>', '_');
}

/// <summary>The generator never throws: a failing stage yields nothing, and the analyzer reports SD9999.</summary>
internal static class GeneratorGuard
{
    public static T? Run<T>(Func<T> stage) where T : class
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
