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
    public void Parameter_names_follow_pytorch_a_single_block_by_its_name_repeated_blocks_by_index_each_once()
    {
        // As nn.Sequential names them: res1.conv1.weight for one block, res1.0.conv1.weight for the first of several.
        using var single = new SingleResidualNet();
        Assert.Equal([.. BasicBlockParameters("res1."), "linear_1.weight", "linear_1.bias"], single.named_parameters().Select(p => p.name));

        using var repeated = new TinyResNet();
        Assert.Equal(
            [.. BasicBlockParameters("stem."), .. BasicBlockParameters("res1.0."), .. BasicBlockParameters("res1.1."), "linear_1.weight", "linear_1.bias"],
            repeated.named_parameters().Select(p => p.name));
        // named_parameters() skips a parameter it has seen; the state dict (what a checkpoint saves) lists every registration.
        Assert.Equal(
            new[] { "stem.", "res1.0.", "res1.1." }.SelectMany(BasicBlockState).Concat(["linear_1.weight", "linear_1.bias"]).Order(),
            repeated.state_dict().Keys.Order());
    }

    /// <summary><see cref="BasicBlock"/>'s parameters in registration order, under <paramref name="scope"/>.</summary>
    private static IEnumerable<string> BasicBlockParameters(string scope) =>
        new[] { "conv1.weight", "batchnorm2d_1.weight", "batchnorm2d_1.bias", "conv2.weight", "batchnorm2d_2.weight", "batchnorm2d_2.bias" }
            .Select(name => scope + name);

    /// <summary><see cref="BasicBlock"/>'s state dict keys: its parameters and its batch norms' running statistics.</summary>
    private static IEnumerable<string> BasicBlockState(string scope) => BasicBlockParameters(scope).Concat(
        from norm in new[] { "batchnorm2d_1.", "batchnorm2d_2." }
        from buffer in new[] { "running_mean", "running_var", "num_batches_tracked" }
        select scope + norm + buffer);

    [Fact]
    public void A_residual_network_trains_and_matches_onnx_runtime()
    {
        torch.manual_seed(31);
        using var model = new TinyResNet();
        using (var probe = model.forward(randn(2, 3, 8, 8))) Assert.Equal(new long[] { 2, 3 }, probe.shape);
        TrainsAndMatchesOnnxRuntime(model, channels: 3, model.ExportOnnx);
    }

    [Fact]
    public void A_projected_downsampling_block_trains_and_matches_onnx_runtime()
    {
        torch.manual_seed(37);
        using var model = new ProjectedResNet();
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(new long[] { 16, 8, 1, 1 }, parameters["res1.projection.weight"].shape);
        Assert.DoesNotContain("res1.projection.bias", parameters.Keys);
        Assert.Contains("res1.block.conv1.weight", parameters.Keys);
        using (var features = model.res1.forward(randn(2, 8, 8, 8))) Assert.Equal(new long[] { 2, 16, 4, 4 }, features.shape);
        TrainsAndMatchesOnnxRuntime(model, channels: 8, model.ExportOnnx);
    }

    [Fact]
    public void A_projected_feature_block_adds_a_bias_free_linear_shortcut_and_matches_onnx_runtime()
    {
        torch.manual_seed(41);
        using var model = new ProjectedMlp();
        model.eval();
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(new long[] { 10, 6 }, parameters["res1.projection.weight"].shape);
        Assert.DoesNotContain("res1.projection.bias", parameters.Keys);

        using var noGrad = no_grad();
        var x = randn(5, 6);
        var expected = nn.functional.linear(x, parameters["res1.projection.weight"]) + model.res1.block.forward(x);
        Assert.True(expected.allclose(model.res1.forward(x)));

        using var directory = new TempDirectory();
        foreach (int opset in new[] { 13, 17, 21 })
        {
            string path = Path.Combine(directory.Path, $"mlp{opset}.onnx");
            model.ExportOnnx(path, new SciDsl.Onnx.OnnxExportOptions { Opset = opset });
            OnnxRuntimeParity.AssertMatches(path, new Dictionary<string, Tensor> { ["x"] = x }, model.forward(x));
        }
    }

    private static void TrainsAndMatchesOnnxRuntime(nn.Module<Tensor, Tensor> model, long channels, Action<string, SciDsl.Onnx.OnnxExportOptions?> exportOnnx)
    {
        var x = randn(24, channels, 8, 8);
        var labels = randint(0, 3, [24]);

        var (first, last) = CrossEntropySteps.Train(model, x, labels, steps: 25, learningRate: 0.01);
        Assert.True(last < 0.7 * first, $"loss {first:G4} -> {last:G4}");

        model.eval();
        using var directory = new TempDirectory();
        foreach (int opset in new[] { 13, 17, 21 })
            foreach (long batch in new long[] { 1, 7 })
            {
                using var scope = NewDisposeScope();
                string path = Path.Combine(directory.Path, $"resnet{opset}.onnx");
                exportOnnx(path, new SciDsl.Onnx.OnnxExportOptions { Opset = opset });
                var input = randn(batch, channels, 8, 8);
                using var noGrad = no_grad();
                OnnxRuntimeParity.AssertMatches(path, new Dictionary<string, Tensor> { ["x"] = input }, model.forward(input));
            }
    }
}
