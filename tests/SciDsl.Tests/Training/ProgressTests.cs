namespace SciDsl.Tests.Training;

public sealed class ProgressTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Plain_progress_writes_one_invariant_line_per_epoch_to_the_log()
    {
        var log = new StringWriter();
        var options = new TrainOptions { CheckpointPath = temp.File("p.ckpt"), Progress = ProgressMode.Plain, Log = log };
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            SupervisedTrainer.Run(new TrainConfig(Loss.CrossEntropy, Optim.Adam, Epochs: 2, BatchSize: 16), () => new Mlp(4, 8, 3), new IrisData(), IrisData.Signature, options);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }

        string[] lines = log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^epoch 1/2  train loss \d+\.\d{4}  acc [01]\.\d{3}  val loss \d+\.\d{4}  acc [01]\.\d{3}  \(\d+\.\d s\)$", lines[0]);
        Assert.StartsWith("epoch 2/2  train loss ", lines[1]);
    }

    [Fact]
    public void Regression_without_validation_shows_only_the_train_loss()
    {
        var log = new StringWriter();
        var options = new TrainOptions { CheckpointPath = temp.File("r.ckpt"), Progress = ProgressMode.Auto, Log = log };

        SupervisedTrainer.Run(new TrainConfig(Loss.MSE, Optim.SGD, LearningRate: 0.01, Epochs: 1, ValidationSplit: 0), () => new Mlp(3, 4, 1), new LinearData(), LinearData.Signature, options);

        Assert.Matches(@"^epoch 1/1  train loss \d+\.\d{4}  \(\d+\.\d s\)\r?\n$", log.ToString());
    }

    [Fact]
    public void Bar_progress_renders_a_live_bar_that_plain_output_never_shows()
    {
        var log = new StringWriter();
        var options = new TrainOptions { CheckpointPath = temp.File("b.ckpt"), Progress = ProgressMode.Bar, Log = log };

        SupervisedTrainer.Run(new TrainConfig(Loss.CrossEntropy, Optim.Adam, Epochs: 2, BatchSize: 16), () => new Mlp(4, 8, 3), new IrisData(), IrisData.Signature, options);

        string output = log.ToString();
        // Only the live bar draws these, and its final frame always holds them (frames in between depend on timing):
        // the hidden cursor of a live display, colour codes, bar glyphs and the elapsed-time column.
        Assert.StartsWith("\u001b[?25l", output);
        Assert.Contains("\u001b[38;5;", output);
        Assert.Contains("━", output);
        Assert.Matches(@"\d\d:\d\d:\d\d", output);
        Assert.Matches(@"epoch 2/2  train loss \d+\.\d{4}  acc [01]\.\d{3}  val loss", output);
        Assert.DoesNotMatch(@"\(\d+\.\d s\)", output);
    }
}
