using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using SciDsl.CodeFixes;
using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.CodeFixes;

/// <summary>The IDE fixes: applying one turns the reported declaration into one that checks clean.</summary>
public class CodeFixTests
{
    [Fact]
    public async Task SD1004_sets_In_to_the_inferred_width()
    {
        string source = ModelSource.Of("x: B,1,28,28",
            "[Conv2d(32, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]",
            "[Conv2d(64, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]",
            "[Flatten]",
            "[Linear(128, In = 3200), ReLU]",
            "[Linear(10)]");

        var (title, fixedSource) = await ApplyFix(source, "SD1004");

        Assert.Equal("Set In = 3136", title);
        Assert.Equal(source.Replace("In = 3200", "In = 3136"), fixedSource);
        DiagnosticAssert.Clean(GeneratorHarness.Run(fixedSource));
    }

    [Fact]
    public async Task SD1004_sets_InChannels_to_the_inferred_channels()
    {
        string source = ModelSource.Of("x: B,3,8,8", "[Conv2d(8, Kernel = 3, InChannels = 1)]");

        var (_, fixedSource) = await ApplyFix(source, "SD1004");

        Assert.Contains("[Conv2d(8, Kernel = 3, InChannels = 3)]", fixedSource);
        DiagnosticAssert.Clean(GeneratorHarness.Run(fixedSource));
    }

    [Fact]
    public async Task SD1001_inserts_the_forgotten_Flatten_before_Linear()
    {
        string source = ModelSource.Of("x: B,1,8,8", "[Conv2d(4, Kernel = 3), ReLU]", "[Linear(10)]");

        var (title, fixedSource) = await ApplyFix(source, "SD1001");

        Assert.Equal("Insert [Flatten] before Linear", title);
        Assert.Contains("[Flatten, Linear(10)]", fixedSource);
        DiagnosticAssert.Clean(GeneratorHarness.Run(fixedSource));
    }

    [Fact]
    public async Task Diagnostics_without_a_known_fix_offer_none()
    {
        string source = ModelSource.Of("x: B,16", "[Conv2d(4, Kernel = 3)]"); // SD1001, but no single right fix

        var (_, actions) = await FixesFor(source, "SD1001");

        Assert.Empty(actions);
    }

    private static async Task<(string Title, string Source)> ApplyFix(string source, string id)
    {
        var (document, actions) = await FixesFor(source, id);
        Assert.Single(actions);
        var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var text = await solution.GetDocument(document.Id)!.GetTextAsync();
        return (actions[0].Title, text.ToString());
    }

    private static async Task<(Document Document, List<CodeAction> Actions)> FixesFor(string source, string id)
    {
        using var workspace = new AdhocWorkspace();
        var document = workspace.AddProject("Fixes", LanguageNames.CSharp)
            .WithMetadataReferences(GeneratorHarness.References.Value)
            .WithCompilationOptions(GeneratorHarness.CompilationOptions)
            .WithParseOptions(GeneratorHarness.ParseOptions)
            .AddDocument("Model.cs", source);
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers([new SciDslAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        var diagnostic = diagnostics.Single(d => d.Id == id);

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new SciDslCodeFixProvider().RegisterCodeFixesAsync(context);
        return (document, actions);
    }
}
