namespace SciDsl.Generators.Tests.EndToEnd;

/// <summary>
/// The real toolchain: a project using SciDsl is built with <c>dotnet build</c>, and a shape bug fails
/// the build with its SD id at the attribute's line and column, as a user sees it in a terminal or CI log.
/// </summary>
public sealed class DotnetBuildTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("scidsl-build-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void A_shape_bug_fails_dotnet_build_with_its_id_at_the_attribute()
    {
        var (exitCode, output) = Build(Classic(declaredIn: 3200));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Model.cs(7,2): error SD1004: Linear(128, In = 3200) declares In = 3200 but receives [B, 3136] (3136 features)", output);
    }

    [Fact]
    public void The_fixed_declaration_builds()
    {
        var (exitCode, output) = Build(Classic(declaredIn: 3136));

        Assert.True(exitCode == 0, output);
    }

    /// <summary>PyTorch's classic: two pooled convolutions turn 28×28 into 64×7×7 = 3136 features.</summary>
    private static string Classic(int declaredIn) => $"""
        using SciDsl;

        [Model("x: B,1,28,28")]
        [Conv2d(32, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
        [Conv2d(64, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
        [Flatten]
        [Linear(128, In = {declaredIn})]
        [Linear(10)]
        public partial class Classic;
        """;

    /// <summary>Builds a library that references the assemblies beside this test (no package restore needed).</summary>
    private (int ExitCode, string Output) Build(string model)
    {
        string bin = AppContext.BaseDirectory;
        File.WriteAllText(Path.Combine(directory, "Model.cs"), model);
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <SciDslSkipNativeFix>true</SciDslSkipNativeFix>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="{Path.Combine(bin, "SciDsl.dll")}" />
                <Reference Include="{Path.Combine(bin, "TorchSharp.dll")}" />
                <Analyzer Include="{Path.Combine(bin, "SciDsl.Generators.dll")}" />
              </ItemGroup>
            </Project>
            """);
        return DotnetCli.Run(directory, TimeSpan.FromMinutes(5), "build", "-nologo", "-clp:NoSummary");
    }
}
