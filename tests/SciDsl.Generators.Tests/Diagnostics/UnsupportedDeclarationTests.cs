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

    [Theory]
    [InlineData("static ", "", "'Samples' is static", "[Dataset]")]
    [InlineData("", "static ", "'Run1' is static", "[Experiment]")]
    public void Static_dataset_or_experiment_is_reported_on_its_name(string dataModifier, string experimentModifier, string why, string attribute)
    {
        var run = GeneratorHarness.Run(ExperimentSource.Of(
            samples: $"public {dataModifier}partial class Samples : IDataSource", run: $"public {experimentModifier}partial class Run1;"));

        Assert.Empty(run.Crashes);
        var diagnostic = Assert.Single(run.SciDslDiagnostics);
        bool dataIsStatic = dataModifier.Length > 0;
        DiagnosticAssert.AssertIs(diagnostic, "SD2010", dataIsStatic ? ExperimentSource.SamplesLine : ExperimentSource.ExperimentLine + 2, why, attribute);
        Assert.DoesNotContain(run.Sources, s => s.HintName.StartsWith(dataIsStatic ? "Samples." : "Run1.", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith(".Experiment.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Experiment_on_a_dataset_that_gets_no_code_generates_none_either()
    {
        var run = GeneratorHarness.Run(ExperimentSource.Of(samples: "public class Samples : IDataSource"));

        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), "SD2006", ExperimentSource.SamplesLine, "'Samples' must be declared partial");
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith(".Experiment.g.cs", StringComparison.Ordinal));
        Assert.Empty(run.CompileErrors);
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
