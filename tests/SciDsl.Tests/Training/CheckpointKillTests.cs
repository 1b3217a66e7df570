using System.Text.Json;
using System.Text.Json.Nodes;

namespace SciDsl.Tests.Training;

/// <summary>
/// Training processes killed with SIGKILL, at the checkpoint's commit point and at random instants, leave the previous
/// or the new checkpoint whole, and resuming ends exactly where an uninterrupted run ends.
/// </summary>
public sealed class CheckpointKillTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Runs_killed_at_any_instant_resume_to_the_bit_identical_result_of_an_uninterrupted_run()
    {
        string reference = temp.File("reference.ckpt");
        TrainingChild.RunToEnd(reference, resume: false);
        string path = temp.File("killed.ckpt");

        // Killed with epoch 2's checkpoint complete on disk but not yet renamed: epoch 1's stays in force.
        KillAt(path, resume: false, ReplaceStage.BeforeRename, epoch: 2);
        Assert.Equal(1, CommittedEpoch(path));
        Assert.NotEmpty(TempFiles());

        // Killed right after epoch 3's rename: epoch 3 is in force, and the run that resumed removed the leftover temp file.
        KillAt(path, resume: true, ReplaceStage.AfterRename, epoch: 3);
        Assert.Equal(3, CommittedEpoch(path));
        Assert.Empty(TempFiles());

        var random = new Random(11);
        int committed = 3;
        for (int kill = 0; kill < 3; kill++)
        {
            using var child = TrainingChild.Start(path, resume: true);
            child.WaitForLine(line => line.StartsWith("resumed", StringComparison.Ordinal));
            Thread.Sleep(random.Next(0, 300));
            child.Kill();
            int epoch = CommittedEpoch(path);
            Assert.True(epoch >= committed, $"checkpoint went back from epoch {committed} to {epoch}:\n{child.Transcript}");
            committed = epoch;
        }

        TrainingChild.RunToEnd(path, resume: true);

        AssertSameOutcome(reference, path);
        Assert.True(File.Exists(temp.File("killed.best.ckpt")));
        Assert.Empty(TempFiles());
    }

    /// <summary>
    /// Each paradigm killed after the first batch of epoch 3 (epoch 2's checkpoint in force, epoch 3's progress only in
    /// memory) and resumed in a fresh process ends with the weights, optimizer states, paradigm state (teacher, critic,
    /// schedules) and history of an uninterrupted run.
    /// </summary>
    [Theory]
    [InlineData("supervised")]
    [InlineData("pseudolabel")]
    [InlineData("fixmatch")]
    [InlineData("meanteacher")]
    [InlineData("transfer")]
    [InlineData("contrastive")]
    [InlineData("dann")]
    [InlineData("coral")]
    [InlineData("multitask")]
    [InlineData("vae")]
    [InlineData("gan")]
    public void A_paradigm_killed_mid_epoch_resumes_to_the_bit_identical_result_of_an_uninterrupted_run(string paradigm)
    {
        string reference = temp.File("reference.ckpt");
        TrainingChild.RunToEnd(reference, resume: false, paradigm);
        string path = temp.File("killed.ckpt");

        using (var child = TrainingChild.Start(paradigm, path, resume: false, TrainingChild.MidEpoch, pauseEpoch: 3))
        {
            child.WaitForLine(line => line == $"paused {TrainingChild.MidEpoch} 3");
            child.Kill();
        }
        Assert.Equal(2, CommittedEpoch(path));
        TrainingChild.RunToEnd(path, resume: true, paradigm);

        AssertSameOutcome(reference, path);
    }

    [Fact]
    public void A_second_run_on_a_checkpoint_in_use_is_refused_and_a_killed_run_does_not_block_the_next()
    {
        string path = temp.File("shared.ckpt");
        using var first = TrainingChild.Start(path, resume: false, ReplaceStage.BeforeRename, pauseEpoch: 1);
        first.WaitForLine(line => line.StartsWith("paused", StringComparison.Ordinal));

        var error = Assert.Throws<CheckpointException>(() => TrainHere(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("in use by another training run", error.Message);
        first.Kill();
        Assert.Single(TrainHere(path).History);
    }

    private static TrainingResult<Mlp> TrainHere(string path) => SupervisedTrainer.Run(
        new TrainConfig(Loss.MSE, Optim.SGD, LearningRate: 0.01, Epochs: 1), () => new Mlp(3, 4, 1), new LinearData(), LinearData.Signature,
        TrainingAssertions.Quiet(path));

    private static void KillAt(string path, bool resume, ReplaceStage stage, int epoch)
    {
        using var child = TrainingChild.Start(path, resume, stage, epoch);
        child.WaitForLine(line => line == $"paused {stage} {epoch}");
        child.Kill();
    }

    /// <summary>The epoch of the checkpoint in force, after checking the file is whole (checksum, layout).</summary>
    private static int CommittedEpoch(string path)
    {
        using var checkpoint = CheckpointFile.Open(path);
        using var state = JsonDocument.Parse(checkpoint.ReadBytes(CheckpointSection.ResumeState));
        return state.RootElement.GetProperty("Epoch").GetInt32();
    }

    /// <summary>
    /// The two runs' checkpoints hold the same weights, optimizer states and resume state (history, best epoch, paradigm
    /// state), bit for bit but for the epochs' wall-clock times, and the same best weights beside them, if any.
    /// </summary>
    private static void AssertSameOutcome(string reference, string path)
    {
        using (var expected = CheckpointFile.Open(reference))
        using (var actual = CheckpointFile.Open(path))
        {
            Assert.Equal(expected.ReadBytes(CheckpointSection.Weights), actual.ReadBytes(CheckpointSection.Weights));
            Assert.Equal(expected.ReadBytes(CheckpointSection.OptimizerState), actual.ReadBytes(CheckpointSection.OptimizerState));
            Assert.Equal(StateWithoutTimes(expected), StateWithoutTimes(actual));
        }
        string expectedBest = Path.ChangeExtension(reference, ".best.ckpt"), actualBest = Path.ChangeExtension(path, ".best.ckpt");
        Assert.Equal(File.Exists(expectedBest), File.Exists(actualBest));
        if (File.Exists(expectedBest)) Assert.Equal(File.ReadAllBytes(expectedBest), File.ReadAllBytes(actualBest));
    }

    /// <summary>The resume state (epoch, history, best epoch, paradigm state) as JSON, without the epochs' wall-clock durations.</summary>
    private static string StateWithoutTimes(CheckpointFile.Reader checkpoint)
    {
        var state = JsonNode.Parse(checkpoint.ReadBytes(CheckpointSection.ResumeState))!;
        foreach (var epoch in state["History"]!.AsArray()) epoch!.AsObject().Remove("Elapsed");
        return state.ToJsonString();
    }

    private string[] TempFiles() => Directory.GetFiles(temp.Path, "*.tmp");
}
