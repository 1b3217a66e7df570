using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Incrementality;

/// <summary>Unrelated edits leave every step cached, and pipeline values hold no compiler objects.</summary>
public class IncrementalityTests
{
    private static readonly string[] Steps = { ModelGenerator.ParseStep, ModelGenerator.CheckStep };

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_step_and_output_cached()
    {
        var compilation = GeneratorHarness.Compile(TestModels.DigitCnn, TestModels.SymbolicMlp);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { int x; }", GeneratorHarness.ParseOptions, "/src/Unrelated.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllCachedOrUnchanged(result);
    }

    [Fact]
    public void A_comment_in_another_file_leaves_every_step_and_output_cached()
    {
        var compilation = GeneratorHarness.Compile(TestModels.DigitCnn, "class Other { }");
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var other = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(other, other.WithChangedText(other.GetText().Replace(0, 0, "// a note\n")));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllCachedOrUnchanged(result);
    }

    [Fact]
    public void Editing_the_model_itself_regenerates_its_source()
    {
        var compilation = GeneratorHarness.Compile(TestModels.SymbolicMlp);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            TestModels.SymbolicMlp.Replace("[Linear(3)]", "[Linear(4)]"), GeneratorHarness.ParseOptions, tree.FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Pipeline_values_hold_no_symbols_syntax_compilations_or_locations()
    {
        var result = GeneratorHarness.Run(TestModels.DigitCnn, TestModels.SymbolicMlp, TestModels.Conv1dNet,
            TestModels.NestedWithoutNamespace, ModelSource.Of("x: B,1,8,8", "[Linear(2)]")).Result.Results.Single();

        var values = Steps.SelectMany(step => result.TrackedSteps[step]).SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
        Assert.NotEmpty(values);
        foreach (var value in values) AssertHoldsNoCompilerObjects(value);
    }

    [Fact]
    public void The_same_declaration_in_two_compilations_gives_equal_pipeline_values()
    {
        var first = GeneratorHarness.Run(TestModels.Conv1dNet, "class A { }").Result.Results.Single();
        var second = GeneratorHarness.Run(TestModels.Conv1dNet, "class B { int b; }").Result.Results.Single();

        foreach (string step in Steps)
        {
            var left = first.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
            var right = second.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
            Assert.NotEmpty(left);
            Assert.Equal(left, right);
            Assert.Equal(left.Select(v => v?.GetHashCode()), right.Select(v => v?.GetHashCode()));
        }
    }

    private static void AssertAllCachedOrUnchanged(GeneratorRunResult result)
    {
        foreach (string step in Steps)
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        }
        var sourceOutputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(sourceOutputs);
        Assert.All(sourceOutputs, o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
    }

    private static readonly Type[] Forbidden = { typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(Location), typeof(SemanticModel) };

    /// <summary>Walks every field reachable from <paramref name="root"/> and fails on a compiler object.</summary>
    private static void AssertHoldsNoCompilerObjects(object? root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Value, string Path)>();
        if (root is not null) pending.Push((root, root.GetType().Name));
        while (pending.Count > 0)
        {
            var (value, path) = pending.Pop();
            var type = value.GetType();
            if (type.IsPrimitive || type.IsEnum || value is string || value is decimal) continue;
            if (!type.IsValueType && !seen.Add(value)) continue;
            Assert.False(Forbidden.Any(f => f.IsAssignableFrom(type)), $"{path} is a {type.FullName}");
            if (value is IEnumerable items and not string)
            {
                int i = 0;
                foreach (var item in items) if (item is not null) pending.Push((item, $"{path}[{i++}]"));
            }
            for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    if (field.GetValue(value) is { } child) pending.Push((child, $"{path}.{field.Name}"));
        }
    }
}
