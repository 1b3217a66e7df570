using SciDsl.Tests.Onnx;
using TorchSharp;

namespace SciDsl.Tests.Models;

/// <summary>Models whose non-batch sizes are symbols: any length works, a too-short one fails clearly.</summary>
public sealed class SymbolicLengthTests
{
    [Fact]
    public void Signature_keeps_the_length_symbolic()
    {
        Assert.Equal("SignalNet(x: [B, 4, T]) -> (output: [B, 2])", SignalNet.Signature.ToString());
    }

    [Theory]
    [InlineData(6)]
    [InlineData(17)]
    public void Any_long_enough_length_runs(long length)
    {
        using var model = new SignalNet();
        using var output = model.forward(torch.randn(3, 4, length));
        Assert.Equal(new long[] { 3, 2 }, output.shape);
    }

    [Fact]
    public void A_length_too_short_for_the_strided_conv_is_a_shape_mismatch_naming_the_layer()
    {
        using var model = new SignalNet();

        // T = 3: the pooling leaves 1 step, and the kernel-3 conv after it would output (3 + 2) / 4 - 1 = 0.
        var error = Assert.Throws<ShapeMismatchException>(() => model.forward(torch.randn(2, 4, 3)));

        Assert.Equal(("SignalNet", "x", "[B, 4, T]", "[2, 4, 3]"), (error.Model, error.Input, error.Expected, error.Actual));
        Assert.Contains("too small for layer 'conv1d_2', whose output size (T + 2) / 4 - 1 would be 0", error.Message);
    }

    [Fact]
    public void A_length_of_one_fails_at_the_pooling()
    {
        using var model = new SignalNet();

        var error = Assert.Throws<ShapeMismatchException>(() => model.forward(torch.randn(2, 4, 1)));

        Assert.Contains("too small for layer 'avgpool1d_1', whose output size T / 2 would be 0", error.Message);
    }

    [Fact]
    public void Onnx_export_keeps_the_length_dynamic()
    {
        torch.manual_seed(5);
        using var model = new SignalNet();
        model.eval();
        using var directory = new TempDirectory();
        string path = directory.File("signal.onnx");
        model.ExportOnnx(path);

        foreach (long length in new long[] { 6, 23 })
        {
            using var input = torch.randn(7, 4, length);
            using var expected = model.forward(input);
            OnnxRuntimeParity.AssertMatches(path, new Dictionary<string, torch.Tensor> { ["x"] = input }, expected);
        }
    }
}
