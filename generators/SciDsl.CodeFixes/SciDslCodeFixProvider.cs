using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SciDsl.Generators.Diagnostics;

namespace SciDsl.CodeFixes;

/// <summary>
/// Applies the fix a SciDsl diagnostic carries: <c>In = 3200</c> → <c>In = 3136</c> (SD1004), or
/// <c>[Linear(128)]</c> on a feature map → <c>[Flatten, Linear(128)]</c> (SD1001).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SciDslCodeFixProvider))]
public sealed class SciDslCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SD1001", "SD1004");

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(CodeFixHint.KindKey, out string? kind)) continue;
            string argument = diagnostic.Properties.TryGetValue(CodeFixHint.ArgumentKey, out string? a) ? a ?? "" : "";
            string value = diagnostic.Properties.TryGetValue(CodeFixHint.ValueKey, out string? v) ? v ?? "" : "";
            if (root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute) continue;

            var replacement = kind switch
            {
                CodeFixHint.SetArgumentKind => SetArgument(attribute, argument, value),
                CodeFixHint.InsertBeforeKind => InsertBefore(attribute, value),
                _ => null,
            };
            if (replacement is null) continue;
            string title = kind == CodeFixHint.SetArgumentKind ? $"Set {argument} = {value}" : $"Insert [{value}] before {attribute.Name}";
            context.RegisterCodeFix(
                CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(replacement.Value.Old, replacement.Value.New))), title),
                diagnostic);
        }
    }

    private static (SyntaxNode Old, SyntaxNode New)? SetArgument(AttributeSyntax attribute, string argument, string value)
    {
        var named = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == argument);
        if (named is null) return null;
        var literal = SyntaxFactory.ParseExpression(value).WithTriviaFrom(named.Expression);
        return (named, named.WithExpression(literal));
    }

    private static (SyntaxNode Old, SyntaxNode New)? InsertBefore(AttributeSyntax attribute, string inserted)
    {
        if (attribute.Parent is not AttributeListSyntax list) return null;
        var added = SyntaxFactory.Attribute(SyntaxFactory.IdentifierName(inserted));
        return (list, list.WithAttributes(list.Attributes.Insert(list.Attributes.IndexOf(attribute), added)));
    }
}
