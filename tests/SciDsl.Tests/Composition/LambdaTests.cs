using SciDsl.Tests.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Composition;

/// <summary><c>[Lambda]</c>: the method runs in forward and trains, its declared shape is checked, ONNX export refuses it.</summary>
public sealed class LambdaTests
{
    [Fact]
    public void A_model_with_lambdas_trains()
    {
        torch.manual_seed(43);
        using var model = new MirrorNet();
        // Class 1 when the first channel rises from the first step to the last.
        var x = randn(32, 3, 10);
        var labels = (x[.., 0, -1] > x[.., 0, 0]).to(int64);
        var (first, last) = CrossEntropySteps.Train(model, x, labels, steps: 30, learningRate: 0.05);

        Assert.Equal(30, model.MirrorCalls);
        Assert.True(last < 0.8 * first, $"loss {first:G4} -> {last:G4}");
    }

    [Fact]
    public void A_lambda_returning_another_shape_than_declared_is_named_with_both_shapes()
    {
        using var model = new BrokenLambdaNet();

        var error = Assert.Throws<ShapeMismatchException>(() => model.forward(randn(2, 10, 4)));

        Assert.Equal("Lambda(nameof(DropLast), \"B,T,4\", Name = \"trim\")", error.Layer);
        Assert.Equal("trim", error.Input);
        Assert.Equal("[B, T, 4] = [2, 10, 4]", error.Expected);
        Assert.Equal("[2, 9, 4]", error.Actual);
        Assert.Contains("BrokenLambdaNet.forward: Lambda(nameof(DropLast), \"B,T,4\", Name = \"trim\") 'trim' must return shape [B, T, 4] = [2, 10, 4] "
            + "but returned [2, 9, 4]: dim 1 is 9, expected 10", error.Message);
    }

    [Fact]
    public void A_lambda_returning_integers_is_named_before_the_layer_after_it_fails()
    {
        using var model = new IntegerLambdaNet();

        var error = Assert.Throws<ShapeMismatchException>(() => model.forward(randn(3, 4)));

        Assert.Equal("[3, 4]", error.Actual);
        Assert.Contains("'lambda_1' must return shape [B, 4] = [3, 4] but returned [3, 4]: element type Int64 instead of Float32", error.Message);
    }

    [Fact]
    public void A_lambda_in_a_block_is_checked_with_the_sizes_bound_where_the_block_is_used()
    {
        using var model = new PairedNet();

        using var output = model.forward(randn(5, 3));

        Assert.Equal(new long[] { 5, 2 }, output.shape);
        Assert.Equal(new long[] { 2, 6 }, model.named_parameters().Single(p => p.name == "linear_1.weight").parameter.shape);
    }

    [Fact]
    public void Summary_lists_the_lambdas_as_layers_without_parameters()
    {
        using var model = new MirrorNet();

        string summary = model.Summary();

        var rows = summary.Split('\n').Select(line => System.Text.RegularExpressions.Regex.Split(line.Trim(), @"\s{2,}")).ToList();
        Assert.Contains(["mirror", "Lambda(nameof(Mirror), \"B,8,T\", Name = \"mirror\")", "[B, 8, T]", "0"], rows);
        Assert.Contains(["lambda_2", "Lambda(nameof(Halve), \"B,8,T\")", "[B, 8, T]", "0"], rows);
    }

    [Fact]
    public void Onnx_export_refuses_a_lambda_and_writes_nothing()
    {
        using var model = new MirrorNet();
        using var directory = new TempDirectory();
        string path = directory.File("mirror.onnx");

        var error = Assert.Throws<NotSupportedException>(() => model.ExportOnnx(path));

        Assert.Equal("Cannot export model 'MirrorNet' to ONNX: Lambda(nameof(Mirror), \"B,8,T\", Name = \"mirror\") 'mirror' calls the C# method Mirror, "
            + "which has no ONNX form; replace it by layers, or export the layers before it as a model of their own and run the method on that model's output.",
            error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path));
    }

    [Fact]
    public void Onnx_export_refuses_a_lambda_inside_a_block()
    {
        using var model = new PairedNet();
        using var directory = new TempDirectory();

        var error = Assert.Throws<NotSupportedException>(() => model.ExportOnnx(directory.File("paired.onnx")));

        Assert.Contains("Cannot export model 'PairedNet' to ONNX: Lambda(nameof(Pair), \"B,C*2\") 'lambda_1' calls the C# method Pair", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path));
    }
}
