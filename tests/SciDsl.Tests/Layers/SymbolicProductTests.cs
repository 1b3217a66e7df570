using SciDsl.Onnx;
using SciDsl.Onnx.Proto;
using SciDsl.Tests.Onnx;
using static TorchSharp.torch;

namespace SciDsl.Tests.Layers;

/// <summary>Flatten of a free-sized sequence: <c>[B, C, T] → [B, C*T]</c>, C and T bound per call.</summary>
[Model("x: B,C,T")][Flatten, Softmax] public partial class FlattenedSequenceModel : IGeneratedModel;

/// <summary>Products of constructor sizes as construction arguments: <c>Linear(6, C*T)</c>, then <c>Linear(C*T, 3)</c>.</summary>
[Model("x: B,6")][Linear("C * T"), ReLU][Linear(3)] public partial class ProductWidthModel : IGeneratedModel;

/// <summary>Pooled free sizes flattened: <c>[B, 2, H/2, W/2] → [B, 2*(H / 2)*(W / 2)]</c>.</summary>
[Model("x: B,2,H,W")][MaxPool2d(2), Flatten] public partial class PooledFlattenModel : IGeneratedModel;

/// <summary>An input declared as a product of another input's sizes: <c>y: B,C*T</c> beside <c>x: B,C,T</c>.</summary>
[Model("x: B,C,T; y: B,C*T")][Flatten(Name = "flat")][Add("flat", "y")] public partial class ProductInputModel;

/// <summary>An input width declared as a multiple of a constructor size: <c>2 * F</c>, F sizing the Linear.</summary>
[Model("x: B,2*F")][Linear(3)] public partial class DoubledWidthModel;

/// <summary>
/// Sizes that are products of symbols at run time: forward binds the symbols from each input, the
/// products are evaluated for the sizes given, and the exported graph runs in ONNX Runtime with the
/// same results at several sizes.
/// </summary>
public sealed class SymbolicProductTests
{
    private static readonly int[] Opsets = [13, 17, 21];

    [Fact]
    public void Flatten_of_a_free_sized_sequence_gives_the_product_at_every_size_and_matches_onnx_runtime()
    {
        Assert.Equal(["B", "C*T"], FlattenedSequenceModel.Signature.Outputs.Single().Dims);
        using var model = new FlattenedSequenceModel();
        model.eval();
        foreach (int opset in Opsets)
        {
            using var directory = new TempDirectory();
            string path = directory.File("model.onnx");
            model.ExportOnnx(path, new OnnxExportOptions { Opset = opset });
            OnnxOperatorRules.AssertValid(path);
            var output = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph.Output.Single().Type.TensorType.Shape.Dim;
            Assert.Equal(["B", "C*T"], output.Select(d => d.DimParam));

            // Two lengths T, two channel counts C, batch 1 and 7: C·T = 15, 36, 5, 12.
            foreach (var (batch, channels, length) in new (long, long, long)[] { (1, 3, 5), (7, 4, 9), (7, 1, 5), (1, 4, 3) })
            {
                using var scope = NewDisposeScope();
                var x = randn(batch, channels, length);
                var expected = GeneratedModels.Infer(model, x);
                Assert.Equal([batch, channels * length], expected.shape);
                Assert.True(expected.allclose(x.reshape(batch, -1).softmax(-1)));
                OnnxRuntimeParity.AssertMatches(path, new Dictionary<string, Tensor> { ["x"] = x }, expected);
            }
        }
    }

    [Fact]
    public void A_product_of_constructor_sizes_sizes_the_weights_and_exports()
    {
        manual_seed(3);
        using var model = new ProductWidthModel(C: 2, T: 5);
        model.eval();
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal([10L, 6L], parameters["linear_1.weight"]);
        Assert.Equal([3L, 10L], parameters["linear_2.weight"]);
        Assert.Contains("[B, C*T]", model.Summary());

        using var directory = new TempDirectory();
        string path = directory.File("model.onnx");
        model.ExportOnnx(path, new OnnxExportOptions { Opset = 17 });
        OnnxOperatorRules.AssertValid(path);
        GeneratedModels.AssertOnnxParity(model, ProductWidthModel.Signature, path, 1, 7);
    }

    [Fact]
    public void An_input_declared_as_a_product_is_checked_against_the_other_inputs_sizes()
    {
        using var model = new ProductInputModel();
        using var scope = NewDisposeScope();
        var x = randn(2, 3, 4);
        var y = randn(2, 12);

        Assert.True(model.forward(x, y).allclose(x.reshape(2, -1) + y));
        var error = Assert.Throws<ShapeMismatchException>(() => model.forward(x, randn(2, 11)));
        Assert.Contains("dim 1 (C*T) is 11, expected 12", error.Message);
    }

    [Fact]
    public void An_input_width_declared_as_a_multiple_of_a_constructor_size_is_checked()
    {
        using var model = new DoubledWidthModel(F: 4);
        using var scope = NewDisposeScope();

        Assert.Equal([5L, 3L], model.forward(randn(5, 8)).shape);
        var error = Assert.Throws<ShapeMismatchException>(() => model.forward(randn(5, 9)));
        Assert.Contains("dim 1 (2 * F) is 9, expected 8", error.Message);
    }

    [Fact]
    public void Pooled_sizes_multiply_at_run_time_and_a_too_small_input_is_a_clear_error()
    {
        using var model = new PooledFlattenModel();
        model.eval();
        using var directory = new TempDirectory();
        string path = directory.File("model.onnx");
        model.ExportOnnx(path, new OnnxExportOptions { Opset = 17 });
        foreach (var (height, width) in new (long, long)[] { (4, 6), (7, 3) })
        {
            using var scope = NewDisposeScope();
            var x = randn(3, 2, height, width);
            var expected = GeneratedModels.Infer(model, x);
            Assert.Equal([3L, 2 * (height / 2) * (width / 2)], expected.shape);
            OnnxRuntimeParity.AssertMatches(path, new Dictionary<string, Tensor> { ["x"] = x }, expected);
        }

        var error = Assert.Throws<ShapeMismatchException>(() => model.forward(randn(3, 2, 1, 6)));
        Assert.Contains("too small", error.Message);
    }
}
