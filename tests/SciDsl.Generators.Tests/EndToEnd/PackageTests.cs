using System.Globalization;
using System.Text.RegularExpressions;

namespace SciDsl.Generators.Tests.EndToEnd;

/// <summary>
/// README's "Use it in your own project", followed as a new user would: the package is packed into a local
/// feed, a fresh project outside the repository made of the README's own files references only the package,
/// builds, trains and exports ONNX; the same project then builds for net8.0 (building is enough there: restore
/// brings the net8.0 reference pack, no .NET 8 runtime is needed) and is refused for net6.0.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);
    private readonly string directory = Directory.CreateTempSubdirectory("scidsl-package-").FullName;
    private string? packedVersion;

    public void Dispose()
    {
        Directory.Delete(directory, recursive: true);
        // Every pack is a new version: leave NuGet's global cache as it was.
        if (packedVersion is not null)
        {
            string versions = Path.Combine(GlobalPackagesFolder(), "scidsl"), cached = Path.Combine(versions, packedVersion.ToLowerInvariant());
            if (Directory.Exists(cached)) Directory.Delete(cached, recursive: true);
            if (Directory.Exists(versions) && !Directory.EnumerateFileSystemEntries(versions).Any()) Directory.Delete(versions);
        }
    }

    [Fact]
    public void The_readme_steps_pack_build_train_export_and_build_for_net8()
    {
        string repository = RepositoryRoot();
        string feed = Path.Combine(directory, "scidsl-feed"), project = Path.Combine(directory, "Regression");
        Directory.CreateDirectory(project);

        // The README packs Release; Debug reuses what the test run's build just compiled and packs the same layout.
        Succeed(repository, "pack", Path.Combine(repository, "src", "SciDsl"), "-c", "Debug", "-o", feed);
        string package = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(feed, "SciDsl.*.nupkg")));
        packedVersion = package["SciDsl.".Length..];
        Assert.Matches(@"^0\.1\.0-local\.[1-9]\d{13}$", packedVersion); // yyyyMMddHHmmss: no leading zero
        AssertLeavesTheBackendToTheApplication(Path.Combine(feed, package + ".nupkg"));

        var files = ReadmeFiles(Path.Combine(repository, "README.md"));
        Assert.Equal(["Digits.cs", "Program.cs", "Regression.csproj", "nuget.config"], files.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, text) in files) File.WriteAllText(Path.Combine(project, name), text);
        WritePlantedLinearData(Path.Combine(project, "measurements.csv"));

        string run = Succeed(project, "run");
        var summary = Regex.Match(run, @"^(\d+) epochs, validation MSE (\d+\.\d+), weights in ", RegexOptions.Multiline);
        Assert.True(summary.Success, run);
        Assert.Equal("50", summary.Groups[1].Value);
        double validationMse = double.Parse(summary.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.True(validationMse < 0.05, $"validation MSE {validationMse} (the targets' variance is about 1.8)\n{run}");
        Assert.Contains("exported yield.onnx", run);
        Assert.True(new FileInfo(Path.Combine(project, "yield.onnx")).Length > 1000, run);
        AssertNativeLoadStepImported(project);

        // As the README's project file says: "or net8.0".
        string projectFile = Path.Combine(project, "Regression.csproj"), net10 = File.ReadAllText(projectFile);
        string net8 = net10.Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFramework>net8.0</TargetFramework>");
        Assert.NotEqual(net10, net8);
        File.WriteAllText(projectFile, net8);
        Succeed(project, "build");
        Assert.True(File.Exists(Path.Combine(project, "bin", "Debug", "net8.0", "Regression.dll")));
        AssertNativeLoadStepImported(project);

        // Below net8.0 the package has nothing to offer: refused at restore, not a build full of CS0246.
        File.WriteAllText(projectFile, net10.Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFramework>net6.0</TargetFramework>"));
        var (exitCode, restore) = DotnetCli.Run(project, StepTimeout, "restore");
        Assert.NotEqual(0, exitCode);
        Assert.Contains($"error NU1202: Package SciDsl {packedVersion} is not compatible with net6.0", restore);
    }

    /// <summary>The package depends on the managed TorchSharp bindings, never on a libtorch backend the user did not choose.</summary>
    private static void AssertLeavesTheBackendToTheApplication(string package)
    {
        using var archive = System.IO.Compression.ZipFile.OpenRead(package);
        using var nuspec = new StreamReader(archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var dependencies = Regex.Matches(nuspec.ReadToEnd(), "<dependency id=\"(?<id>[^\"]+)\"").Select(m => m.Groups["id"].Value).ToHashSet();
        Assert.Contains("TorchSharp", dependencies);
        Assert.DoesNotContain(dependencies, id => id.StartsWith("TorchSharp-", StringComparison.Ordinal) || id.StartsWith("libtorch", StringComparison.Ordinal));
    }

    /// <summary>NuGet imports the package's buildTransitive/ step (docs/native-load.md) into the project's build.</summary>
    private static void AssertNativeLoadStepImported(string project)
    {
        string imports = File.ReadAllText(Path.Combine(project, "obj", "Regression.csproj.nuget.g.targets")).Replace('\\', '/');
        Assert.Contains("/buildTransitive/net8.0/SciDsl.targets", imports);
    }

    [Theory]
    [InlineData("-p:OfficialBuild=true", "0.1.0")]
    [InlineData("-p:OfficialBuild=true -p:VersionSuffix=beta.1", "0.1.0-beta.1")]
    public void A_release_packs_the_declared_version_without_the_local_suffix(string properties, string expected)
    {
        string repository = RepositoryRoot();

        string version = Succeed(repository, ["msbuild", Path.Combine(repository, "src", "SciDsl"), "-getProperty:PackageVersion", .. properties.Split(' ')]);

        Assert.Equal(expected, version.Trim());
    }

    /// <summary>The README's code blocks that follow a <c>&lt;!-- file: NAME --&gt;</c> line, by file name.</summary>
    private static Dictionary<string, string> ReadmeFiles(string readme) =>
        Regex.Matches(File.ReadAllText(readme), @"^<!-- file: (?<name>\S+) -->\r?\n```\w*\r?\n(?<text>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["text"].Value);

    /// <summary>y = 2·x₀ − x₁ + 0.5·x₂ + 0.25·x₃ + 1 plus noise of variance ≈ 3e-4, x uniform in [−1, 1]: 400 rows.</summary>
    private static void WritePlantedLinearData(string path)
    {
        var random = new Random(5);
        var lines = Enumerable.Range(0, 400).Select(_ =>
        {
            double[] x = [.. Enumerable.Range(0, 4).Select(_ => random.NextDouble() * 2 - 1)];
            double y = 2 * x[0] - x[1] + 0.5 * x[2] + 0.25 * x[3] + 1 + (random.NextDouble() - 0.5) * 0.06;
            return string.Join(',', x.Append(y).Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        });
        File.WriteAllLines(path, lines);
    }

    private static string Succeed(string workingDirectory, params string[] arguments)
    {
        var (exitCode, output) = DotnetCli.Run(workingDirectory, StepTimeout, arguments);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {exitCode}:\n{output}");
        return output;
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SciDsl.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException($"No SciDsl.sln above {AppContext.BaseDirectory}.");
    }

    private static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
