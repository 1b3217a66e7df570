using System.Text;
using TorchSharp;
using static SciDsl.Tests.Training.TrainingAssertions;

namespace SciDsl.Tests.Training;

/// <summary>Resume never guesses: each damaged or incomplete checkpoint is a <see cref="CheckpointException"/> naming the file.</summary>
public sealed class CheckpointTests : IDisposable
{
    private static readonly TrainConfig Config = new(Loss.CrossEntropy, Optim.Adam, LearningRate: 0.01, Epochs: 2, BatchSize: 16, Seed: 1);
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_checkpoint_is_one_file_whose_weights_load_into_a_fresh_model()
    {
        string path = temp.File("one.ckpt");
        var result = Train(path);

        var reloaded = new Mlp(4, 8, 3);
        Checkpoint.LoadWeights(reloaded, path);

        Assert.Equal(Weights(result.Model), Weights(reloaded));
        // The weights are one file; the sidecar holds the data preparation a predictor needs (here: no normalisation, no class names).
        Assert.Equal(["one.best.ckpt", "one.ckpt", "one.ckpt.data.json", "one.ckpt.lock"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Resume_from_a_plain_weights_file_without_resume_state_is_refused()
    {
        string path = temp.File("plain.ckpt");
        new Mlp(4, 8, 3).save(path);

        var error = Assert.Throws<CheckpointException>(() => Train(path, resume: true));

        AssertNames(path, error, "not a SciDsl checkpoint");
    }

    [Fact]
    public void Any_altered_byte_is_caught_by_the_checksum()
    {
        string path = temp.File("garbled.ckpt");
        Train(path);
        byte[] original = File.ReadAllBytes(path);

        // Past the 12-byte header (whose damage is reported as "not a SciDsl checkpoint" or a format version).
        for (int offset = 12; offset < original.Length; offset += 97)
        {
            byte[] garbled = (byte[])original.Clone();
            garbled[offset] ^= 0x10;
            File.WriteAllBytes(path, garbled);

            var error = Assert.Throws<CheckpointException>(() => Train(path, resume: true));

            AssertNames(path, error, "checksum does not match");
        }
    }

    [Fact]
    public void A_truncated_checkpoint_is_refused_at_every_length()
    {
        string path = temp.File("cut.ckpt");
        Train(path);
        byte[] original = File.ReadAllBytes(path);

        foreach (int length in new[] { 0, 5, 12, 43, 44, original.Length / 2, original.Length - 32, original.Length - 1 })
        {
            File.WriteAllBytes(path, original[..length]);

            var error = Assert.Throws<CheckpointException>(() => Train(path, resume: true));

            Assert.Equal(path, error.FilePath);
            Assert.Matches("truncated|checksum does not match", error.Message);
        }
    }

    [Fact]
    public void A_checkpoint_without_optimizer_state_is_refused_rather_than_resetting_Adam()
    {
        string path = temp.File("no-optimizer.ckpt");
        var (resumeState, weights) = SectionsOf(Train(path));
        WriteCheckpoint(path, resumeState, weights, []);

        var error = Assert.Throws<CheckpointException>(() => Train(path, resume: true));

        AssertNames(path, error, "holds no optimizer state");
    }

    [Fact]
    public void Corrupt_optimizer_state_with_a_valid_checksum_is_refused_naming_the_optimizer()
    {
        string path = temp.File("bad-optimizer.ckpt");
        var (resumeState, weights) = SectionsOf(Train(path));
        WriteCheckpoint(path, resumeState, weights, Encoding.UTF8.GetBytes("not an optimizer state"));

        var error = Assert.Throws<CheckpointException>(() => Train(path, resume: true));

        AssertNames(path, error, "optimizer state does not fit this run's Adam");
    }

    [Fact]
    public void Resuming_an_Adam_checkpoint_with_SGD_is_refused()
    {
        string path = temp.File("adam.ckpt");
        Train(path);

        var error = Assert.Throws<CheckpointException>(() => Train(path, resume: true, Config with { Optimizer = Optim.SGD, Epochs = 3 }));

        AssertNames(path, error, "optimizer state does not fit this run's SGD");
    }

    [Fact]
    public void Resume_state_that_is_not_json_is_refused()
    {
        string path = temp.File("bad-state.ckpt");
        var (_, weights) = SectionsOf(Train(path));
        WriteCheckpoint(path, Encoding.UTF8.GetBytes("{\"Model\": \"Mlp\", \"Epo"), weights, [1]);

        var error = Assert.Throws<CheckpointException>(() => Train(path, resume: true));

        AssertNames(path, error, "resume state is not valid JSON");
    }

    [Fact]
    public void A_checkpoint_of_another_model_is_refused()
    {
        string path = temp.File("other.ckpt");
        Train(path);

        var error = Assert.Throws<CheckpointException>(() =>
            SupervisedTrainer.Run(Config, () => new ConstantModel(3), new IrisData(), IrisData.Signature, Quiet(path, resume: true)));

        AssertNames(path, error, "holds a Mlp, not a ConstantModel");
    }

    [Fact]
    public void Resume_with_no_checkpoint_file_says_it_starts_from_scratch()
    {
        string path = temp.File("fresh/none.ckpt");
        var log = new StringWriter();

        var result = SupervisedTrainer.Run(Config, () => new Mlp(4, 8, 3), new IrisData(), IrisData.Signature,
            new TrainOptions { CheckpointPath = path, Resume = true, Progress = ProgressMode.Plain, Log = log });

        Assert.Equal(2, result.History.Count);
        Assert.StartsWith($"no checkpoint at {path}; starting Mlp from scratch", log.ToString());
    }

    [Fact]
    public void A_run_is_refused_while_another_holds_the_checkpoint_and_allowed_after()
    {
        string path = temp.File("busy.ckpt");
        using (CheckpointStore.Open(path))
        {
            var error = Assert.Throws<CheckpointException>(() => Train(path));

            AssertNames(path, error, "in use by another training run");
        }
        Assert.Equal(2, Train(path).History.Count);
    }

    [Fact]
    public void A_checkpoint_that_cannot_be_written_fails_naming_it_and_leaves_no_temp_file()
    {
        string path = temp.File("taken.ckpt");
        Directory.CreateDirectory(path);

        var error = Assert.Throws<CheckpointException>(() => Train(path));

        AssertNames(path, error, "could not be written");
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }

    [Fact]
    public void A_write_failing_just_before_the_commit_keeps_the_previous_checkpoint_whole()
    {
        string path = temp.File("full-disk.ckpt");
        var first = Train(path, config: Config with { Epochs = 1 });
        CheckpointStore.CommitObserver = (stage, _) =>
        {
            if (stage == ReplaceStage.BeforeRename) throw new IOException("No space left on device");
        };
        try
        {
            var error = Assert.Throws<CheckpointException>(() => Train(path, resume: true));

            AssertNames(path, error, "No space left on device");
        }
        finally
        {
            CheckpointStore.CommitObserver = null;
        }
        var reloaded = new Mlp(4, 8, 3);
        Checkpoint.LoadWeights(reloaded, path);
        Assert.Equal(Weights(first.Model), Weights(reloaded));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }

    [Fact]
    public void Temp_files_of_killed_runs_are_removed_and_other_files_are_left_alone()
    {
        string path = temp.File("stale.ckpt");
        string[] abandoned = [temp.File($".stale.ckpt.{Guid.NewGuid():N}.tmp"), temp.File($".stale.best.ckpt.{Guid.NewGuid():N}.tmp")];
        string[] others = [temp.File(".stale.ckpt.notes.tmp"), temp.File(".other.ckpt." + Guid.NewGuid().ToString("N") + ".tmp")];
        foreach (string file in abandoned.Concat(others)) File.WriteAllText(file, "left behind");

        Train(path);

        Assert.All(abandoned, file => Assert.False(File.Exists(file), file));
        Assert.All(others, file => Assert.True(File.Exists(file), file));
    }

    private TrainingResult<Mlp> Train(string path, bool resume = false, TrainConfig? config = null) =>
        SupervisedTrainer.Run(config ?? Config, () => new Mlp(4, 8, 3), new IrisData(), IrisData.Signature, Quiet(path, resume: resume));

    [Fact]
    public void Resuming_on_data_whose_training_statistics_changed_is_refused_naming_the_change()
    {
        string path = temp.File("shifted.ckpt");
        var normalized = Config with { Normalize = true, Epochs = 1 };
        SupervisedTrainer.Run(normalized, () => new Mlp(4, 8, 3), new IrisData(), IrisData.Signature, Quiet(path));

        var error = Assert.Throws<CheckpointException>(() =>
            SupervisedTrainer.Run(normalized with { Epochs = 2 }, () => new Mlp(4, 8, 3), new ScaledIris(10), IrisData.Signature, Quiet(path, resume: true)));

        AssertNames(path, error, "the data differ from the run that wrote it: the statistics of input 'x' fitted on the training split changed (element 0: mean ");
        Assert.Equal(2, SupervisedTrainer.Run(normalized with { Epochs = 2 }, () => new Mlp(4, 8, 3), new IrisData(), IrisData.Signature, Quiet(path, resume: true)).History.Count);
    }

    [Fact]
    public void Resuming_with_normalisation_switched_or_other_class_names_is_refused()
    {
        string path = temp.File("switched.ckpt");
        Train(path, config: Config with { Epochs = 1 });

        var normalizing = Assert.Throws<CheckpointException>(() =>
            SupervisedTrainer.Run(Config with { Normalize = true }, () => new Mlp(4, 8, 3), new IrisData(), IrisData.Signature, Quiet(path, resume: true)));
        var renamed = Assert.Throws<CheckpointException>(() =>
            SupervisedTrainer.Run(Config, () => new Mlp(4, 8, 3), new NamedIris(), IrisData.Signature, Quiet(path, resume: true)));

        AssertNames(path, normalizing, "the checkpoint was trained on raw inputs and this run has Normalize = true");
        AssertNames(path, renamed, "the class names were none and are now [setosa, versicolor, virginica]");
    }

    /// <summary>Iris with every feature multiplied: other data, the same shapes.</summary>
    private sealed class ScaledIris(float factor) : IDataSource
    {
        public LabelledData Load()
        {
            var iris = new IrisData().Load();
            return iris with { Features = iris.Features * factor };
        }
    }

    /// <summary>Iris whose classes carry names, as a CSV of species names would give.</summary>
    private sealed class NamedIris : IDataSource
    {
        public LabelledData Load() => new IrisData().Load() with { Classes = new ClassLabels(["setosa", "versicolor", "virginica"]) };
    }

    private static (byte[] ResumeState, byte[] Weights) SectionsOf(TrainingResult<Mlp> result)
    {
        using var checkpoint = CheckpointFile.Open(result.CheckpointPath);
        return (checkpoint.ReadBytes(CheckpointSection.ResumeState), checkpoint.ReadBytes(CheckpointSection.Weights));
    }

    /// <summary>A checkpoint with the given sections and a correct checksum: what only a bug or a hand-made file could hold.</summary>
    private static void WriteCheckpoint(string path, byte[] resumeState, byte[] weights, byte[] optimizerState)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite);
        CheckpointFile.Write(stream, writer => writer.Write(resumeState), writer => writer.Write(weights), writer => writer.Write(optimizerState));
    }

    private static void AssertNames(string path, CheckpointException error, string problem)
    {
        Assert.Equal(path, error.FilePath);
        Assert.Contains($"'{path}'", error.Message);
        Assert.Contains(problem, error.Message);
    }
}
