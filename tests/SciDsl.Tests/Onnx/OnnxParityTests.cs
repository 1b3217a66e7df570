using SciDsl.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Onnx;

/// <summary>Hand-built graphs from real TorchSharp modules must run in ONNX Runtime exactly as in TorchSharp.</summary>
public sealed class OnnxParityTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public OnnxParityTests() => random.manual_seed(1234);

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(13)]
    [InlineData(17)]
    [InlineData(21)]
    public void Linear_as_Gemm_matches_TorchSharp_at_batch_1_and_7(int opset)
    {
        using var linear = nn.Linear(5, 3);
        linear.eval();
        var signature = new ModelSignature("Dense", [Float32("x", "B", "5")], [Float32("y", "B", "3")]);
        var onnx = new OnnxGraphBuilder(signature, new OnnxExportOptions { Opset = opset });
        string x = onnx.Input(signature.Inputs[0]);
        x = onnx.Node("Gemm", "linear_1", [x, onnx.Parameter("linear_1.weight", linear.weight!), onnx.Parameter("linear_1.bias", linear.bias!)],
            OnnxAttribute.Int("transB", 1));
        onnx.Output(signature.Outputs[0], x);
        string path = _directory.File("dense.onnx");
        onnx.Save(path);

        AssertParityAtBatches(path, "x", batch => randn(batch, 5), linear.forward);
    }

    [Fact]
    public void Linear_on_rank_3_as_MatMul_with_transposed_weight_matches_TorchSharp()
    {
        using var linear = nn.Linear(6, 4);
        linear.eval();
        var signature = new ModelSignature("Sequence", [Float32("x", "B", "T", "6")], [Float32("y", "B", "T", "4")]);
        var onnx = new OnnxGraphBuilder(signature);
        string x = onnx.Input(signature.Inputs[0]);
        x = onnx.Node("MatMul", "linear_1", [x, onnx.Parameter("linear_1.weight", linear.weight!, transpose: true)]);
        x = onnx.Node("Add", "linear_1_bias", [x, onnx.Parameter("linear_1.bias", linear.bias!)]);
        onnx.Output(signature.Outputs[0], x);
        string path = _directory.File("sequence.onnx");
        onnx.Save(path);

        AssertParityAtBatches(path, "x", batch => randn(batch, 3, 6), linear.forward);
    }

    [Fact]
    public void Conv_Relu_Flatten_Gemm_chain_matches_TorchSharp()
    {
        using var conv = nn.Conv2d(1, 4, 3, padding: 1);
        using var linear = nn.Linear(4 * 6 * 6, 10);
        conv.eval();
        linear.eval();
        var signature = new ModelSignature("TinyCnn", [Float32("x", "B", "1", "6", "6")], [Float32("logits", "B", "10")]);
        var onnx = new OnnxGraphBuilder(signature);
        string x = onnx.Input(signature.Inputs[0]);
        x = onnx.Node("Conv", "conv2d_1", [x, onnx.Parameter("conv2d_1.weight", conv.weight!), onnx.Parameter("conv2d_1.bias", conv.bias!)],
            OnnxAttribute.Ints("kernel_shape", 3, 3), OnnxAttribute.Ints("strides", 1, 1), OnnxAttribute.Ints("pads", 1, 1, 1, 1),
            OnnxAttribute.Ints("dilations", 1, 1), OnnxAttribute.Int("group", 1));
        x = onnx.Node("Relu", "relu_1", [x]);
        x = onnx.Node("Flatten", "flatten_1", [x], OnnxAttribute.Int("axis", 1));
        x = onnx.Node("Gemm", "linear_1", [x, onnx.Parameter("linear_1.weight", linear.weight!), onnx.Parameter("linear_1.bias", linear.bias!)],
            OnnxAttribute.Int("transB", 1));
        onnx.Output(signature.Outputs[0], x);
        string path = _directory.File("tiny-cnn.onnx");
        onnx.Save(path);

        AssertParityAtBatches(path, "x", batch => randn(batch, 1, 6, 6),
            input => linear.forward(nn.functional.relu(conv.forward(input)).flatten(1)));
    }

    [Fact]
    public void Embedding_as_Gather_on_int64_tokens_matches_TorchSharp()
    {
        using var embedding = nn.Embedding(10, 4);
        embedding.eval();
        var signature = new ModelSignature("Embed", [new TensorSignature("tokens", TensorElementType.Int64, ["B", "T"])],
            [Float32("y", "B", "T", "4")]);
        var onnx = new OnnxGraphBuilder(signature);
        string tokens = onnx.Input(signature.Inputs[0]);
        string y = onnx.Node("Gather", "embedding_1", [onnx.Parameter("embedding_1.weight", embedding.weight!), tokens], OnnxAttribute.Int("axis", 0));
        onnx.Output(signature.Outputs[0], y);
        string path = _directory.File("embed.onnx");
        onnx.Save(path);

        AssertParityAtBatches(path, "tokens", batch => randint(0, 10, [batch, 5], dtype: int64), embedding.forward);
    }

    [Fact]
    public void Scalar_and_shape_constants_feed_Mul_and_Reshape()
    {
        var signature = new ModelSignature("Scale", [Float32("x", "B", "2", "3")], [Float32("y", "B", "6")]);
        var onnx = new OnnxGraphBuilder(signature);
        string x = onnx.Input(signature.Inputs[0]);
        x = onnx.Node("Mul", "scale", [x, onnx.Constant("two", 2f)]);
        x = onnx.Node("Add", "shift", [x, onnx.Constant("offsets", [1f, 2f, 3f], [3])]);
        x = onnx.Node("Reshape", "reshape", [x, onnx.Constant("reshape.shape", 0, -1)]);
        onnx.Output(signature.Outputs[0], x);
        string path = _directory.File("scale.onnx");
        onnx.Save(path);

        AssertParityAtBatches(path, "x", batch => randn(batch, 2, 3),
            input => (input * 2 + tensor(new float[] { 1, 2, 3 })).reshape(input.shape[0], 6));
    }

    [Fact]
    public void Parity_helper_reports_a_real_difference_at_both_levels()
    {
        var signature = new ModelSignature("Negate", [Float32("x", "B", "3")], [Float32("y", "B", "3")]);
        var onnx = new OnnxGraphBuilder(signature);
        onnx.Output(signature.Outputs[0], onnx.Node("Neg", "neg", [onnx.Input(signature.Inputs[0])]));
        string path = _directory.File("negate.onnx");
        onnx.Save(path);
        using var input = tensor(new float[] { 1, -2, 0.5f }).reshape(1, 3);
        var inputs = new Dictionary<string, Tensor> { ["x"] = input };

        foreach (var level in OnnxRuntimeParity.Levels)
        {
            Assert.Equal(4f, OnnxRuntimeParity.MaxAbsDiff(path, inputs, input, level), 1e-6f);
        }
    }

    private static void AssertParityAtBatches(string path, string inputName, Func<long, Tensor> makeInput, Func<Tensor, Tensor> forward)
    {
        foreach (long batch in new long[] { 1, 7 })
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var input = makeInput(batch);
            OnnxRuntimeParity.AssertMatches(path, new Dictionary<string, Tensor> { [inputName] = input }, forward(input));
        }
    }

    private static TensorSignature Float32(string name, params string[] dims) => new(name, TensorElementType.Float32, dims);
}
