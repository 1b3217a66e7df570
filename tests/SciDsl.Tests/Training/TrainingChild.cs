using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace SciDsl.Tests.Training;

/// <summary>A training run in its own process (tests/SciDsl.CheckpointChild), watched line by line and killable with SIGKILL.</summary>
internal sealed class TrainingChild : IDisposable
{
    /// <summary>The pause point after the first training batch of the given epoch, as opposed to a <see cref="ReplaceStage"/> of its commit.</summary>
    public const string MidEpoch = "Batch";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static readonly string ChildPath = typeof(TrainingChild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CheckpointChild").Value!;

    private readonly Process process;
    private readonly BlockingCollection<string> lines = new();
    private readonly StringBuilder transcript = new();

    private TrainingChild(Process process) => this.process = process;

    /// <summary>Starts <c>SciDsl.CheckpointChild &lt;paradigm&gt; &lt;checkpoint&gt; fresh|resume [stage epoch]</c>.</summary>
    public static TrainingChild Start(string checkpoint, bool resume, ReplaceStage? pauseAt = null, int pauseEpoch = 0) =>
        Start("supervised", checkpoint, resume, pauseAt?.ToString(), pauseEpoch);

    /// <summary>Starts a run of <paramref name="paradigm"/>, paused at <paramref name="pauseAt"/> (a <see cref="ReplaceStage"/> or <see cref="MidEpoch"/>) of <paramref name="pauseEpoch"/> if given.</summary>
    public static TrainingChild Start(string paradigm, string checkpoint, bool resume, string? pauseAt, int pauseEpoch)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { ChildPath, paradigm, checkpoint, resume ? "resume" : "fresh" }) start.ArgumentList.Add(argument);
        if (pauseAt is { } stage)
        {
            start.ArgumentList.Add(stage);
            start.ArgumentList.Add(pauseEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var child = new TrainingChild(Process.Start(start)!);
        child.process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) child.lines.CompleteAdding();
            else child.lines.Add(e.Data);
        };
        child.process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (child.transcript) child.transcript.AppendLine("stderr: " + e.Data);
        };
        child.process.BeginOutputReadLine();
        child.process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a child to the end and checks it succeeded.</summary>
    public static void RunToEnd(string checkpoint, bool resume, string paradigm = "supervised")
    {
        using var child = Start(paradigm, checkpoint, resume, pauseAt: null, pauseEpoch: 0);
        child.WaitForLine(line => line == "done");
        Assert.True(child.process.WaitForExit(Patience), "the child did not exit after 'done'");
        Assert.Equal(0, child.process.ExitCode);
    }

    /// <summary>Waits for a line of output that matches; fails with the transcript if the child ends or stalls first.</summary>
    public string WaitForLine(Func<string, bool> matches)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (lines.TryTake(out string? line, Remaining(deadline)))
        {
            lock (transcript) transcript.AppendLine(line);
            if (matches(line)) return line;
        }
        throw new Xunit.Sdk.XunitException($"the child ended or stalled before the expected line:\n{Transcript}");
    }

    /// <summary>SIGKILL, as a crash or <c>kill -9</c> would end it: no finally blocks, no flushing, no disposal.</summary>
    public void Kill()
    {
        process.Kill();
        process.WaitForExit();
    }

    public string Transcript
    {
        get { lock (transcript) return transcript.ToString(); }
    }

    public void Dispose()
    {
        if (!process.HasExited) Kill();
        process.Dispose();
    }

    private static TimeSpan Remaining(DateTime deadline)
    {
        var left = deadline - DateTime.UtcNow;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
