using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>SD1002: merged tensors (Add, Concat) disagree; and the merges' own argument and rank errors.</summary>
public class MergedShapesDisagreeTests
{
    [Fact]
    public void Adding_different_channel_counts_names_both_sources_and_the_dim()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,16,8,8",
            "[Conv2d(32, Kernel = 3, Padding = 1, Name = \"wide\")]",
            "[Add(\"x\", \"wide\")]"));

        DiagnosticAssert.Single(run, "SD1002", ModelSource.LayerLine(2),
            "Add(\"x\", \"wide\") merges [B, 16, 8, 8] from input 'x' and [B, 32, 8, 8] from Conv2d(32, Kernel = 3, Padding = 1, Name = \"wide\") 'wide'",
            "dim 1 differs (16 vs 32)", "1×1 Conv2d");
    }

    [Fact]
    public void Symbolic_sizes_are_compared_symbolically()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,4,T",
            "[MaxPool1d(2, Name = \"half\")]",
            "[Conv1d(4, Kernel = 1, Name = \"same\", From = \"x\")]",
            "[Add(\"same\", \"half\")]"));

        DiagnosticAssert.Single(run, "SD1002", ModelSource.LayerLine(3), "dim 2 differs (T vs T / 2)");
    }

    [Fact]
    public void Concat_along_channels_requires_equal_spatial_sizes()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,3,8,8",
            "[MaxPool2d(2, Name = \"half\")]",
            "[Concat(\"x\", \"half\")]"));

        DiagnosticAssert.Single(run, "SD1002", ModelSource.LayerLine(2), "dim 2 differs (8 vs 4)", "only dim 1 may differ");
    }

    [Fact]
    public void Concat_along_the_batch_is_rejected()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,6", "[Linear(6, Name = \"a\")]", "[Concat(\"x\", \"a\", Dim = 0)]"));

        DiagnosticAssert.Single(run, "SD1001", ModelSource.LayerLine(2), "dim 0 is the batch");
    }

    [Fact]
    public void A_merge_with_one_source_is_an_invalid_argument()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,6", "[Add(\"x\")]"));

        DiagnosticAssert.Single(run, "SD2003", ModelSource.LayerLine(1), "a merge needs at least two sources", "it has 1");
    }

    [Fact]
    public void Merges_accept_From_as_well_and_generate_code_that_compiles()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,6",
            "[Linear(6, Name = \"a\")]",
            "[Add(From = \"x,a\", Name = \"sum\")]",
            "[Concat(\"sum\", \"a\", Dim = -1)]"));

        DiagnosticAssert.Clean(run);
        Assert.Contains("var sum_out = x + a_out; // [B, 6]", run.Source("Net.Module.g.cs"));
        Assert.Contains("torch.cat([sum_out, a_out], 1); // [B, 12]", run.Source("Net.Module.g.cs"));
    }
}
