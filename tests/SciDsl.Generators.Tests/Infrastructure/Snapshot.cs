using System.Runtime.CompilerServices;

namespace SciDsl.Generators.Tests.Infrastructure;

/// <summary>
/// Golden files: <c>Name.approved.cs</c> beside the calling test file holds the expected text. On a
/// mismatch <c>Name.received.cs</c> is written beside it and the test fails; set
/// <c>SCIDSL_UPDATE_SNAPSHOTS=1</c> to accept the received text as the new approved one.
/// Line endings are normalised to '\n', as the generator emits them.
/// </summary>
internal static class Snapshot
{
    public const string UpdateVariable = "SCIDSL_UPDATE_SNAPSHOTS";

    public static void Match(string actual, string name, [CallerFilePath] string testFile = "")
    {
        string directory = Path.GetDirectoryName(testFile)!;
        string approvedPath = Path.Combine(directory, name + ".approved.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        actual = Normalise(actual);

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(approvedPath, actual);
            File.Delete(receivedPath);
            return;
        }
        string? approved = File.Exists(approvedPath) ? Normalise(File.ReadAllText(approvedPath)) : null;
        if (approved == actual)
        {
            File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, actual);
        Assert.Fail(approved is null
            ? $"No approved snapshot {approvedPath}. Received text written to {receivedPath}; review it and rerun with {UpdateVariable}=1 to accept."
            : $"Snapshot {name} differs from {approvedPath} ({FirstDifference(approved, actual)}). Compare with: diff {approvedPath} {receivedPath}; rerun with {UpdateVariable}=1 to accept.");
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n");

    private static string FirstDifference(string approved, string actual)
    {
        string[] expectedLines = approved.Split('\n');
        string[] actualLines = actual.Split('\n');
        for (int i = 0; i < Math.Min(expectedLines.Length, actualLines.Length); i++)
            if (expectedLines[i] != actualLines[i])
                return $"first difference at line {i + 1}: approved \"{expectedLines[i]}\", received \"{actualLines[i]}\"";
        return $"approved has {expectedLines.Length} lines, received {actualLines.Length}";
    }
}
