using TorchSharp;

namespace SciDsl.Tests.Native;

/// <summary>Proves the build-time libstdc++ fix: TorchSharp's native library loads and computes.</summary>
public sealed class NativeLoadTests
{
    [Fact]
    public void TorchSharp_op_runs_on_this_host()
    {
        using var a = torch.tensor(new float[] { 1, 2, 3 });
        using var sum = (a * 2).sum();
        Assert.Equal(12f, sum.item<float>());
    }

    [Fact]
    public void Conv2d_forward_runs_on_this_host()
    {
        using var conv = torch.nn.Conv2d(1, 4, 3, padding: 1);
        using var input = torch.ones(2, 1, 5, 5);
        using var output = conv.forward(input);
        Assert.Equal(new long[] { 2, 4, 5, 5 }, output.shape);
    }
}
