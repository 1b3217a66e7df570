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
    public void Editing_the_model_itself_regenerates_both_of_its_sources()
    {
        var compilation = GeneratorHarness.Compile(TestModels.SymbolicMlp);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = GeneratedTexts(driver.GetRunResult().Results.Single());

        // A new last layer changes both files: a module and its forward call, an ONNX node.
        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            TestModels.SymbolicMlp.Replace("[Linear(3)]", "[Linear(3), Tanh]"), GeneratorHarness.ParseOptions, tree.FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();
        var after = GeneratedTexts(result);

        Assert.Equal(new[] { "Tabular.Mlp.Module.g.cs", "Tabular.Mlp.Onnx.g.cs" }, before.Keys.Order());
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before.Keys, hint => Assert.NotEqual(before[hint], after[hint]));
        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
    }

    /// <summary>A Lambda's model holds what generated code needs of the method (name, static or not), not its body.</summary>
    [Fact]
    public void Editing_a_lambda_methods_body_leaves_the_outputs_cached_and_its_signature_regenerates_them()
    {
        var compilation = GeneratorHarness.Compile(TestModels.LambdaNet);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = GeneratedTexts(driver.GetRunResult().Results.Single());
        var tree = compilation.SyntaxTrees.Single();
        GeneratorRunResult Edit(string from, string to) => driver.RunGenerators(compilation.ReplaceSyntaxTree(tree,
            CSharpSyntaxTree.ParseText(TestModels.LambdaNet.Replace(from, to), GeneratorHarness.ParseOptions, tree.FilePath))).GetRunResult().Results.Single();

        var body = Edit("x / 2;", "x * 0.5f;");
        var outputs = body.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(before, GeneratedTexts(body));

        var instance = GeneratedTexts(Edit("private static Tensor Halve", "private Tensor Halve"));
        Assert.Contains("global::Signals.LambdaNet.Halve(x)", before["Signals.LambdaNet.Module.g.cs"]);
        Assert.Contains("this.Halve(x)", instance["Signals.LambdaNet.Module.g.cs"]);
    }

    [Fact]
    public void Editing_a_block_file_regenerates_only_the_block_and_the_models_that_use_it()
    {
        string[] files = { BlockA, BlockB, ModelUsingA, ModelUsingB, ModelUsingNoBlock };
        var compilation = GeneratorHarness.Compile(files);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = GeneratedTexts(driver.GetRunResult().Results.Single());

        var blockFile = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(blockFile, CSharpSyntaxTree.ParseText(
            BlockA.Replace("[Conv2d(4,", "[Conv2d(6,"), GeneratorHarness.ParseOptions, blockFile.FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();
        var after = GeneratedTexts(result);

        Assert.Empty(result.Diagnostics);
        string[] changed = { "Lab.A", "Lab.M1" };
        string[] unchanged = { "Lab.B", "Lab.M2", "Lab.M3" };
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.Equal(10, after.Count);
        // A's width is in both modules' code; the ONNX code reads sizes from the weights, so it may stay the same.
        Assert.NotEqual(before["Lab.A.Module.g.cs"], after["Lab.A.Module.g.cs"]);
        Assert.NotEqual(before["Lab.M1.Module.g.cs"], after["Lab.M1.Module.g.cs"]);
        foreach (string hint in after.Keys.Where(hint => unchanged.Any(type => hint.StartsWith(type + ".", StringComparison.Ordinal))))
            Assert.Equal(before[hint], after[hint]);

        // One source output per model (it writes both of its files), fed by that model's checked spec.
        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value)
            .SelectMany(step => step.Outputs.Select(o => (Model: ModelOf(step), o.Reason))).ToList();
        Assert.Equal(changed, outputs.Where(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New).Select(o => o.Model).Order());
        Assert.Equal(unchanged, outputs.Where(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged).Select(o => o.Model).Order());
    }

    /// <summary>The full name of the model whose checked spec a source output step was run for.</summary>
    private static string ModelOf(IncrementalGeneratorRunStep outputStep)
    {
        var (source, index) = Assert.Single(outputStep.Inputs);
        return Assert.IsType<SciDsl.Generators.Check.ShapedModel>(source.Outputs[index].Value).Type.FullName;
    }

    private const string BlockA = """
        using SciDsl;

        namespace Lab;

        [Model("x: B,C,H,W")]
        [Conv2d(4, Kernel = 3, Padding = 1, Name = "conv1"), ReLU]
        public partial class A;
        """;

    private const string BlockB = """
        using SciDsl;

        namespace Lab;

        [Model("x: B,F")]
        [Linear(5, Name = "fc1"), ReLU]
        public partial class B;
        """;

    private const string ModelUsingA = """
        using SciDsl;

        namespace Lab;

        [Model("x: B,1,8,8")]
        [Use(typeof(A), Name = "block"), GlobalAvgPool]
        [Linear(2)]
        public partial class M1;
        """;

    private const string ModelUsingB = """
        using SciDsl;

        namespace Lab;

        [Model("x: B,3")]
        [Use(typeof(B), Name = "block")]
        [Linear(2)]
        public partial class M2;
        """;

    private const string ModelUsingNoBlock = """
        using SciDsl;

        namespace Lab;

        [Model("x: B,3")]
        [Linear(2)]
        public partial class M3;
        """;

    [Fact]
    public void A_blank_line_above_a_model_leaves_every_output_cached()
    {
        var compilation = GeneratorHarness.Compile(ModelDataAndExperiment);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = GeneratedTexts(driver.GetRunResult().Results.Single());

        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(0, 0, "\n")));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal(new[] { "Lab.Images.Dataset.g.cs", "Lab.Net.Module.g.cs", "Lab.Net.Onnx.g.cs", "Lab.Run1.Experiment.g.cs" }, before.Keys.Order());
        // The parsed declarations moved (their locations, kept for diagnostics, differ); what drives emission did not.
        var checkedModels = result.TrackedSteps[ModelGenerator.CheckStep].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(checkedModels);
        Assert.All(checkedModels, o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Equal(3, outputs.Count); // one per declaration: the model's step writes both of its files
        Assert.All(outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(before, GeneratedTexts(result));
    }

    [Fact]
    public void Values_that_drive_emission_hold_no_source_locations()
    {
        var result = GeneratorHarness.Run(ModelDataAndExperiment, TestModels.ResidualNet).Result.Results.Single();

        var values = EmissionSteps.SelectMany(step => result.TrackedSteps[step]).SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
        Assert.Equal(4, values.Count(v => v is not null));
        foreach (var value in values) AssertHoldsNo(value, typeof(SciDsl.Generators.Diagnostics.LocationInfo));
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

    /// <summary>A model, its dataset and an experiment training it, in one file.</summary>
    private const string ModelDataAndExperiment = """
        using SciDsl;

        namespace Lab;

        [Model("x: B,1,8,8")]
        [Flatten]
        [Linear(10)]
        public partial class Net;

        [Dataset("x: 1,8,8", Target = "class: 10")]
        public partial class Images : IDataSource
        {
            public LabelledData Load() => throw new System.NotSupportedException();
        }

        [Experiment(typeof(Net), typeof(Images))]
        [Supervised(Loss.CrossEntropy)]
        public partial class Run1;
        """;

    /// <summary>The steps whose values the source outputs are built from.</summary>
    private static readonly string[] EmissionSteps = { ModelGenerator.CheckStep, ModelGenerator.DatasetStep, ModelGenerator.ExperimentStep };

    private static Dictionary<string, string> GeneratedTexts(GeneratorRunResult result) =>
        result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

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
    private static void AssertHoldsNoCompilerObjects(object? root) => AssertHoldsNo(root, Forbidden);

    /// <summary>Walks every field reachable from <paramref name="root"/> and fails on a value of a <paramref name="forbidden"/> type.</summary>
    private static void AssertHoldsNo(object? root, params Type[] forbidden)
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
            Assert.False(forbidden.Any(f => f.IsAssignableFrom(type)), $"{path} is a {type.FullName}");
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
