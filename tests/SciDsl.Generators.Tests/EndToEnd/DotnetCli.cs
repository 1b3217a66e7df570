using System.Diagnostics;

namespace SciDsl.Generators.Tests.EndToEnd;

/// <summary>Runs the real <c>dotnet</c> CLI as a user would, with its output for assertions.</summary>
internal static class DotnetCli
{
    /// <summary>
    /// No compiler server and no MSBuild node reuse: a server outliving the command would hold the output
    /// pipes open, and reading them to the end would wait for it.
    /// </summary>
    public static (int ExitCode, string Output) Run(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["UseSharedCompilation"] = "false",
                ["MSBUILDDISABLENODEREUSE"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"dotnet {string.Join(' ', arguments)} did not finish within {timeout}.\n{Tail(output)}");
        }
        return (process.ExitCode, output.Result + error.Result);
    }

    private static string Tail(Task<string> output) => output.Wait(TimeSpan.FromSeconds(5)) ? output.Result : "";
}
