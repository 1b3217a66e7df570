using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// <c>[Experiment(..., Sizes = "H=128")]</c> for a model with constructor sizes: SD3006 (a size missing) and SD3015
/// (malformed, or naming a size the model does not take), at the [Experiment] line (line 8), on real source.
/// </summary>
public class ExperimentSizesTests
{
    private const int ExperimentLine = 8;

    private static string Source(string sizes, string width = "10") =>
        "using SciDsl;\n" +
        "[Model(\"x: B,1,8,8\")]\n" +
        "[Flatten, Linear(\"H\"), ReLU, Linear(\"C\")]\n" +
        "public partial class Net;\n" +
        $"[Dataset(\"x: 1,8,8\", Target = \"class: {width}\")]\n" +
        "public partial class Images : IDataSource\n" +
        "{ public LabelledData Load() => throw new System.NotSupportedException(); }\n" +
        $"[Experiment(typeof(Net), typeof(Images){(sizes.Length == 0 ? "" : $", Sizes = \"{sizes}\"")})]\n" +
        "[Supervised(Loss.CrossEntropy)]\n" +
        "public partial class Run1;\n";

    private static void SingleError(string source, string id, params string[] words)
    {
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Crashes);
        var diagnostic = Assert.Single(run.SciDslDiagnostics);
        DiagnosticAssert.AssertIs(diagnostic, id, ExperimentLine, words);
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith(".Experiment.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Sizes_in_any_order_become_the_constructor_arguments_in_parameter_order()
    {
        var run = GeneratorHarness.Run(Source(" C=10 ,H=128"));

        DiagnosticAssert.Clean(run);
        Assert.Contains("() => new global::Net(128, 10), new global::Images()", run.Source("Run1.Experiment.g.cs"));
    }

    [Fact]
    public void SD3006_a_size_the_model_needs_is_missing()
    {
        SingleError(Source("H=128"), "SD3006", "model Net needs constructor arguments (C)", "add Sizes = \"H=128, C=64\" to [Experiment]");
    }

    [Fact]
    public void SD3006_no_sizes_at_all()
    {
        SingleError(Source(""), "SD3006", "model Net needs constructor arguments (H, C)");
    }

    [Fact]
    public void SD3015_a_size_the_model_does_not_take()
    {
        SingleError(Source("H=128, C=10, W=3"), "SD3015", "Sizes = \"H=128, C=10, W=3\" names W, which model Net does not take", "its constructor sizes are H, C");
    }

    [Theory]
    [InlineData("h=128, C=10", "names h, which model Net does not take; its constructor sizes are H, C (did you mean 'H'?)", "Sizes = \"H=128, C=10\"")]
    [InlineData("h=128, c=10", "names h, c, which model Net does not take; its constructor sizes are H, C (did you mean 'H' for 'h', 'C' for 'c'?)", "Sizes = \"H=128, C=10\"")]
    public void SD3015_a_miscased_size_suggests_the_model_s_and_SD3006_a_fix_with_its_number(string sizes, string problem, string fix)
    {
        var run = GeneratorHarness.Run(Source(sizes));

        Assert.Empty(run.Crashes);
        var diagnostics = run.SciDslDiagnostics.OrderBy(d => d.Id).ToList();
        Assert.Equal(["SD3006", "SD3015"], diagnostics.Select(d => d.Id));
        DiagnosticAssert.AssertIs(diagnostics[0], "SD3006", ExperimentLine, $"add {fix} to [Experiment]");
        DiagnosticAssert.AssertIs(diagnostics[1], "SD3015", ExperimentLine, $"Sizes = \"{sizes}\" {problem}");
    }

    [Theory]
    [InlineData("H:128, C=10", "is malformed at 'H:128'")]
    [InlineData("H=128,, C=10", "is malformed at ''")]
    [InlineData("H=0, C=10", "gives H '0', which is not a positive whole number")]
    [InlineData("H=1.5, C=10", "gives H '1.5', which is not a positive whole number")]
    [InlineData("H=128, C=10, H=64", "gives H twice")]
    public void SD3015_malformed_sizes(string sizes, string problem)
    {
        SingleError(Source(sizes), "SD3015", $"Sizes = \"{sizes}\" {problem}", "write e.g. Sizes = \"H=128, D=32\"");
    }

    [Fact]
    public void SD1006_a_size_that_makes_the_output_width_wrong()
    {
        var run = GeneratorHarness.Run(Source("H=128, C=5"));

        Assert.Empty(run.Crashes);
        var diagnostic = Assert.Single(run.SciDslDiagnostics);
        DiagnosticAssert.AssertIs(diagnostic, "SD1006", ExperimentLine + 1, "make the last layer Linear(10)");
    }
}
