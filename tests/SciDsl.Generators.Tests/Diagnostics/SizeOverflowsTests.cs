using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// SD1007: a size or an element count leaves 64-bit integers. Unchecked, these wrapped around into
/// wrong widths (nn.Linear(0, 10), negative sizes) or crashed the printing of a size (SD9999).
/// </summary>
public class SizeOverflowsTests
{
    [Fact]
    public void An_input_of_2_to_the_64_elements_per_sample_is_reported_on_the_model_line()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,4294967296,4294967296", "[Flatten]", "[Linear(10)]"));

        DiagnosticAssert.Single(run, "SD1007", ModelSource.ModelLine,
            "input shapes \"x: B,4294967296,4294967296\"", "the element count of 'x' [B, 4294967296, 4294967296]", "overflows 64-bit");
    }

    [Fact]
    public void A_square_of_3037000500_is_reported_not_turned_negative()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,3037000500,3037000500", "[Flatten]", "[Linear(10)]"));

        DiagnosticAssert.Single(run, "SD1007", ModelSource.ModelLine, "[B, 3037000500, 3037000500]", "overflows 64-bit");
    }

    [Fact]
    public void A_size_expression_that_wraps_around_is_reported_on_the_model_line()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,4611686018427387904*4+1", "[Linear(10)]"));

        DiagnosticAssert.Single(run, "SD1007", ModelSource.ModelLine, "the size '4611686018427387904*4+1'", "overflows 64-bit");
    }

    [Fact]
    public void A_layer_width_whose_constant_is_minus_2_to_the_63_is_reported_on_its_layer()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,8", "[Linear(\"H - 9223372036854775807 - 1\")]"));

        DiagnosticAssert.Single(run, "SD1007", ModelSource.LayerLine(1),
            "Linear(\"H - 9223372036854775807 - 1\") 'linear_1'", "the size 'H - 9223372036854775807 - 1'", "overflows 64-bit");
    }

    [Fact]
    public void A_layer_whose_output_holds_2_to_the_64_elements_is_reported_on_that_layer()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,4294967296,2", "[ReLU]", "[Linear(\"4294967296\")]"));

        DiagnosticAssert.Single(run, "SD1007", ModelSource.LayerLine(2),
            "Linear(\"4294967296\") 'linear_1'", "its output for [B, 4294967296, 2]", "overflows 64-bit");
    }

    [Fact]
    public void Concatenating_two_halves_of_2_to_the_63_is_reported_on_the_concat()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("a: B,4611686018427387904; b: B,4611686018427387904", "[Concat(\"a\", \"b\")]"));

        DiagnosticAssert.Single(run, "SD1007", ModelSource.LayerLine(1),
            "[B, 4611686018427387904] and [B, 4611686018427387904]", "overflows 64-bit");
    }

    [Fact]
    public void A_reshape_target_of_2_to_the_64_elements_is_reported_on_the_reshape()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,65536", "[Reshape(\"B,4294967296,4294967296\")]"));

        DiagnosticAssert.Single(run, "SD1007", ModelSource.LayerLine(1), "Reshape(\"B,4294967296,4294967296\") 'reshape_1'", "overflows 64-bit");
    }

    [Fact]
    public void A_dataset_sample_of_2_to_the_64_elements_is_reported_on_the_dataset()
    {
        var run = GeneratorHarness.Run("""
            using SciDsl;

            [Dataset("x: 4294967296,4294967296", Target = "class: 10")]
            public partial class Huge : IDataSource
            {
                public LabelledData Load() => throw new System.NotSupportedException();
            }
            """);

        DiagnosticAssert.Single(run, "SD1007", 3, "the sample \"x: 4294967296,4294967296\"", "the element count of 'x'", "overflows 64-bit");
    }

    [Fact]
    public void Sizes_just_below_the_limit_still_build()
    {
        // 2^31 · 2^31 = 2^62 elements per sample: large, but countable in int64.
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,2147483648,2147483648", "[Flatten]", "[Linear(10)]"));

        DiagnosticAssert.Clean(run);
        Assert.Contains("nn.Linear(4611686018427387904, 10)", run.Source("Net.Module.g.cs"));
    }
}
