using System.Diagnostics;
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

    /// <summary>
    /// The build step edits only the copy in the output folder, and only where the host lacks the
    /// version; the package in the NuGet cache stays as shipped. Read with binutils' readelf.
    /// </summary>
    [Fact]
    public void Only_the_output_copy_is_marked_weak_and_only_where_the_host_needs_it()
    {
        string copy = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string original = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        bool hostHasVersion = File.ReadAllText("/usr/lib/x86_64-linux-gnu/libstdc++.so.6").Contains("GLIBCXX_3.4.32\0");

        Assert.Equal(hostHasVersion ? "none" : "WEAK", RequirementFlags(copy));
        Assert.Equal("none", RequirementFlags(original));
    }

    private static string RequirementFlags(string library)
    {
        using var readelf = Process.Start(new ProcessStartInfo("readelf", ["-V", library]) { RedirectStandardOutput = true })!;
        string line = readelf.StandardOutput.ReadToEnd().Split('\n').Single(l => l.Contains("Name: GLIBCXX_3.4.32"));
        readelf.WaitForExit();
        return line.Split("Flags:")[1].Trim().Split(' ')[0];
    }
}
