using SciDsl.Tests.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Composition;

/// <summary>Blocks used by <c>[Residual]</c> and <c>[Use]</c>: scoped weights, training, and ONNX inlining.</summary>
public sealed class CompositionTests
{
    [Fact]
    public void Each_application_of_a_block_has_its_own_scoped_weights()
    {
        using var model = new TinyResNet();
        var names = model.named_parameters().Select(p => p.name).ToList();

        Assert.Contains("res1.0.conv1.weight", names);
        Assert.Contains("res1.1.conv2.weight", names);
        Assert.Equal(new long[] { 8, 3, 3, 3 }, model.named_parameters().First(p => p.name == "stem.conv1.weight").parameter.shape);
        Assert.Equal(new long[] { 8, 8, 3, 3 }, model.named_parameters().First(p => p.name == "res1.1.conv1.weight").parameter.shape);
        Assert.False(model.named_parameters().First(p => p.name == "res1.0.conv1.weight").parameter
            .allclose(model.named_parameters().First(p => p.name == "res1.1.conv1.weight").parameter));
    }

    [Fact]
    public void A_residual_network_trains_and_matches_onnx_runtime()
    {
        torch.manual_seed(31);
        using var model = new TinyResNet();
        var x = randn(24, 3, 8, 8);
        var labels = randint(0, 3, [24]);
        using (var probe = model.forward(randn(2, 3, 8, 8))) Assert.Equal(new long[] { 2, 3 }, probe.shape);

        model.train();
        using var optimizer = optim.Adam(model.parameters(), lr: 0.01);
        float first = 0, last = 0;
        for (int step = 0; step < 25; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.forward(x), labels);
            loss.backward();
            optimizer.step();
            last = loss.item<float>();
            if (step == 0) first = last;
        }
        Assert.True(last < 0.7 * first, $"loss {first:G4} -> {last:G4}");

        model.eval();
        using var directory = new TempDirectory();
        foreach (int opset in new[] { 13, 17, 21 })
            foreach (long batch in new long[] { 1, 7 })
            {
                using var scope = NewDisposeScope();
                string path = Path.Combine(directory.Path, $"resnet{opset}.onnx");
                model.ExportOnnx(path, new SciDsl.Onnx.OnnxExportOptions { Opset = opset });
                var input = randn(batch, 3, 8, 8);
                using var noGrad = no_grad();
                OnnxRuntimeParity.AssertMatches(path, new Dictionary<string, Tensor> { ["x"] = input }, model.forward(input));
            }
    }
}
