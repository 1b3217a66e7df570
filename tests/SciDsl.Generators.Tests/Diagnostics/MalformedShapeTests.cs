using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>SD2001: malformed shape strings in [Model], Linear widths and Reshape targets.</summary>
public class MalformedShapeTests
{
    [Theory]
    [InlineData("x: B,1,,28", "dim 2 ('')", "the dim is empty")]
    [InlineData("x B,1", "has no ':'")]
    [InlineData("x: int7[B,T]", "unknown element type 'int7'")]
    [InlineData("x: B**C,1", "unexpected '*'")]
    [InlineData("x: float32[B,4", "missing ']'")]
    [InlineData("x: B,4; x: B,4", "'x' is declared twice")]
    [InlineData("", "the declaration is empty")]
    [InlineData("x: B,H/0", "divided by a positive integer")]
    [InlineData("x: B,H/W", "divided by a positive integer")]
    [InlineData("x: B,0", "positive")]
    [InlineData("x: B,-3", "positive")]
    public void Malformed_model_shape_is_reported_on_the_Model_attribute(string inputs, params string[] words)
    {
        var run = GeneratorHarness.Run(ModelSource.Of(inputs, "[Linear(2)]"));

        DiagnosticAssert.Single(run, "SD2001", ModelSource.ModelLine, words.Prepend("Malformed shape").ToArray());
    }

    [Fact]
    public void Linear_width_that_does_not_parse_is_malformed()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,16", "[Linear(\"H * / W\")]"));

        DiagnosticAssert.Single(run, "SD2001", ModelSource.LayerLine(1), "\"H * / W\"", "the output width of Linear(\"H * / W\")");
    }

    [Fact]
    public void Reshape_target_with_a_bad_dim_is_malformed()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,16", "[Reshape(\"B,4,(4\")]"));

        DiagnosticAssert.Single(run, "SD2001", ModelSource.LayerLine(1), "missing ')'");
    }

    [Theory]
    [InlineData("x: (B, 1, 8, 8)", "without parentheses", "write \"x: B,1,8,8\"")]
    [InlineData("x: [B, 1, 8, 8]", "brackets need an element type", "write \"x: B,1,8,8\" or \"x: float32[B,1,8,8]\"")]
    [InlineData("x=B,1,8,8", "':', not '='", "write \"x: B,1,8,8\"")]
    [InlineData("x: B;1;8;8", "';' separates inputs", "write \"x: B,1,8,8\"")]
    [InlineData("x: B,16, mask: B,16", "separate inputs with ';'", "write \"x: B,16; mask: B,16\"")]
    [InlineData("(B, 16)", "name the input", "write \"x: B,16\"")]
    public void Foreign_shape_forms_say_how_to_write_them(string inputs, params string[] words)
    {
        var run = GeneratorHarness.Run(ModelSource.Of(inputs, "[Linear(2)]"));

        DiagnosticAssert.Single(run, "SD2001", ModelSource.ModelLine, words.Prepend($"Malformed shape \"{inputs}\"").ToArray());
    }

    [Fact]
    public void Foreign_form_of_a_dataset_sample_is_rewritten_without_a_batch_dim()
    {
        var run = GeneratorHarness.Run(
            "using SciDsl;\n" +
            "[Dataset(\"x: (1, 8, 8)\", Target = \"class: 10\")]\n" +
            "public partial class Images : IDataSource\n" +
            "{ public LabelledData Load() => throw new System.NotSupportedException(); }\n");

        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), "SD2001", 2, "without parentheses", "write \"x: 1,8,8\"");
    }
}
