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
        string original = PackageLibrary();
        bool hostHasVersion = File.ReadAllText("/usr/lib/x86_64-linux-gnu/libstdc++.so.6").Contains("GLIBCXX_3.4.32\0");

        Assert.Equal(hostHasVersion ? "none" : "WEAK", RequirementFlags(copy));
        Assert.Equal("none", RequirementFlags(original));
    }

    /// <summary>
    /// An output file can be a hard link to the package's file (<c>CreateHardLinksForCopyLocalIfPossible</c>):
    /// the build step must then replace the output file, not write into the inode both names share.
    /// Runs the real task from <c>SciDsl.targets</c> on a hard-linked pair in a temp folder.
    /// </summary>
    [Fact]
    public void A_hard_linked_output_copy_is_replaced_and_its_package_file_left_as_shipped()
    {
        if (File.ReadAllText("/usr/lib/x86_64-linux-gnu/libstdc++.so.6").Contains("GLIBCXX_3.4.32\0"))
            Assert.Fail("This host's libstdc++ has GLIBCXX_3.4.32, so the build step never patches and this test cannot observe it.");

        string directory = Directory.CreateTempSubdirectory("scidsl-hardlink-").FullName;
        try
        {
            string package = Path.Combine(directory, "package.so");
            string output = Path.Combine(directory, "out", "libLibTorchSharp.so");
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            File.Copy(PackageLibrary(), package); // as shipped: not yet marked weak
            Run("ln", [package, output]);
            Assert.Equal("none", RequirementFlags(output)); // one file, two names

            string targets = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "SciDsl", "build", "SciDsl.targets"));
            File.WriteAllText(Path.Combine(directory, "patch.proj"), $$"""
                <Project>
                  <Import Project="{{targets}}" />
                  <Target Name="Patch">
                    <SciDslWeakenGlibcxxRequirement Libraries="out/libLibTorchSharp.so" Version="GLIBCXX_3.4.32" />
                  </Target>
                </Project>
                """);
            Run("dotnet", ["msbuild", Path.Combine(directory, "patch.proj"), "-t:Patch", "-nologo", "-nodeReuse:false"]);

            Assert.Equal("WEAK", RequirementFlags(output));
            Assert.Equal("none", RequirementFlags(package));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The library in the NuGet cache, as the TorchSharp package ships it.</summary>
    private static string PackageLibrary()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }

    private static void Run(string program, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {output}");
    }

    private static string RequirementFlags(string library)
    {
        using var readelf = Process.Start(new ProcessStartInfo("readelf", ["-V", library]) { RedirectStandardOutput = true })!;
        string line = readelf.StandardOutput.ReadToEnd().Split('\n').Single(l => l.Contains("Name: GLIBCXX_3.4.32"));
        readelf.WaitForExit();
        return line.Split("Flags:")[1].Trim().Split(' ')[0];
    }
}
