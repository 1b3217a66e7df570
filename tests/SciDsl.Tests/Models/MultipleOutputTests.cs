using SciDsl.Tests.Onnx;
using TorchSharp;

namespace SciDsl.Tests.Models;

/// <summary>[Output("mu", "logvar")]: forward returns a tuple, and the ONNX file has both outputs by name.</summary>
public sealed class MultipleOutputTests
{
    [Fact]
    public void Forward_returns_each_named_output_and_the_signature_lists_them()
    {
        torch.manual_seed(3);
        using var model = new TwoHeads();
        using var input = torch.randn(5, 8);

        var (mu, logvar) = model.forward(input);

        Assert.Equal("TwoHeads(x: [B, 8]) -> (mu: [B, 4]; logvar: [B, 4])", TwoHeads.Signature.ToString());
        using var expectedMu = model.mu.forward(input);
        using var expectedLogvar = model.logvar.forward(input);
        Assert.True(mu.allclose(expectedMu));
        Assert.True(logvar.allclose(expectedLogvar));
    }

    [Fact]
    public void Onnx_export_has_both_outputs_matching_torchsharp()
    {
        torch.manual_seed(4);
        using var model = new TwoHeads();
        model.eval();
        using var directory = new TempDirectory();
        string path = directory.File("heads.onnx");
        model.ExportOnnx(path);

        foreach (long batch in new long[] { 1, 7 })
        {
            using var input = torch.randn(batch, 8);
            var (mu, logvar) = model.forward(input);
            var inputs = new Dictionary<string, torch.Tensor> { ["x"] = input };
            OnnxRuntimeParity.AssertMatches(path, inputs, mu, outputName: "mu");
            OnnxRuntimeParity.AssertMatches(path, inputs, logvar, outputName: "logvar");
        }
    }
}
