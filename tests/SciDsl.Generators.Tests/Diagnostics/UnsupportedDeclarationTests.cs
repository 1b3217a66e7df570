using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// SD2010: class forms the generated partial cannot extend (static, generic, inside a generic type,
/// file-local). Without it they fail inside the generated code or silently get nothing generated.
/// </summary>
public class UnsupportedDeclarationTests
{
    [Theory]
    [InlineData("public static partial class Net;", "'Net' is static")]
    [InlineData("public partial class Net<T>;", "'Net<T>' is generic")]
    [InlineData("file partial class Net;", "'Net' is file-local")]
    public void Model_class_of_an_unsupported_form_is_reported_on_its_name(string declaration, string why)
    {
        var run = GeneratorHarness.Run(ModelSource.OfClass(declaration, "x: B,16", "[Linear(2)]"));

        DiagnosticAssert.Single(run, "SD2010", ModelSource.LayerLine(2), why, "[Model]");
    }

    [Fact]
    public void Model_nested_in_a_generic_class_is_reported()
    {
        const string source = """
            using SciDsl;

            public partial class Outer<T>
            {
                [Model("x: B,16")]
                [Linear(2)]
                public partial class Net;
            }
            """;

        var run = GeneratorHarness.Run(source);

        DiagnosticAssert.Single(run, "SD2010", 7, "'Net' is nested in the generic type 'Outer<T>'");
    }

    [Fact]
    public void Static_dataset_and_experiment_are_reported()
    {
        const string source = """
            using SciDsl;
            [Model("x: B,4")]
            [Linear(3)]
            public partial class Net;
            [Dataset("x: 4", Target = "class: 3")]
            public static partial class Samples;
            [Experiment(typeof(Net), typeof(Net))]
            [Supervised(Loss.CrossEntropy)]
            public static partial class Run1;
            """;

        var run = GeneratorHarness.Run(source);

        Assert.Empty(run.Crashes);
        var diagnostics = run.SciDslDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(2, diagnostics.Count);
        DiagnosticAssert.AssertIs(diagnostics[0], "SD2010", 6, "'Samples' is static", "[Dataset]");
        DiagnosticAssert.AssertIs(diagnostics[1], "SD2010", 9, "'Run1' is static", "[Experiment]");
        Assert.DoesNotContain(run.Sources, s => !s.HintName.StartsWith("Net.", StringComparison.Ordinal));
    }

    [Fact]
    public void Model_nested_in_an_interface_is_supported()
    {
        const string source = """
            using SciDsl;

            namespace Lab;

            public partial interface IZoo
            {
                [Model("x: B,16")]
                [Linear(2)]
                public partial class Net;
            }

            public static class Use
            {
                public static IZoo.Net Build() => new();
            }
            """;

        var run = GeneratorHarness.Run(source);

        DiagnosticAssert.Clean(run);
        Assert.Contains("partial interface IZoo", run.Source("Lab.IZoo.Net.Module.g.cs"));
    }
}
