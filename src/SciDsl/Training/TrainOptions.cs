namespace SciDsl;

/// <summary>How training progress is shown.</summary>
public enum ProgressMode
{
    /// <summary>A live progress bar on an interactive terminal, plain lines when output is redirected or <see cref="TrainOptions.Log"/> is set.</summary>
    Auto,
    /// <summary>A Spectre.Console progress bar per epoch with live loss and accuracy (plain lines on a non-interactive console, which cannot show it).</summary>
    Bar,
    /// <summary>One line of text per epoch.</summary>
    Plain,
    /// <summary>Nothing.</summary>
    None,
}

/// <summary>Run-time choices that are not part of the experiment's declaration.</summary>
public sealed class TrainOptions
{
    /// <summary>Overrides <see cref="TrainConfig.Epochs"/>; with <see cref="Resume"/> it is the total, counting epochs already done.</summary>
    public int? Epochs { get; init; }

    /// <summary>
    /// Where the checkpoint is written after every epoch: one file holding weights, optimizer state and resume state
    /// with a checksum, replaced atomically (<see cref="Checkpoint.LoadWeights"/> reads its weights). The best weights go
    /// beside it as <c>&lt;name&gt;.best.ckpt</c> (plain <c>module.save</c>). While the run lasts it holds an OS lock on
    /// <c>&lt;path&gt;.lock</c>, so a second run on the same path is refused. Default: <c>checkpoints/&lt;Experiment&gt;.ckpt</c>
    /// under the current directory, keyed by the experiment's full name (by the model's name when
    /// <see cref="SupervisedTrainer.Run{TModel}"/> is called directly without an experiment name).
    /// </summary>
    public string? CheckpointPath { get; init; }

    /// <summary>
    /// Continue from the checkpoint: weights, optimizer state, epoch counter, history and early-stopping state.
    /// The learning rate is the config's, so a resumed run can lower it. With no checkpoint file at the path the run
    /// starts from scratch and says so ("no checkpoint at …"); a checkpoint that is damaged, incomplete, or of another
    /// model or optimizer throws <see cref="CheckpointException"/> instead of being ignored.
    /// </summary>
    public bool Resume { get; init; }

    public ProgressMode Progress { get; init; } = ProgressMode.Auto;

    /// <summary>Where plain progress lines go. Default: <see cref="Console.Out"/>.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>
    /// Stop after this many epochs without improvement of <see cref="TrainConfig.EarlyStopping"/> (the validation loss by
    /// default; the training loss when there is no validation set). Overrides <see cref="TrainConfig.Patience"/>.
    /// </summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>Rescale gradients so their global L2 norm is at most this before each step. Overrides <see cref="TrainConfig.GradientClipNorm"/>.</summary>
    public double? GradientClipNorm { get; init; }

    /// <summary>Where the model trains; overrides <see cref="TrainConfig.Device"/> (the declaration's <c>[Train(Device = …)]</c>).</summary>
    public ComputeDevice? Device { get; init; }

    /// <summary>
    /// After training, draw the loss and metric curves of every epoch (<see cref="TrainingCurves"/>) as a PNG beside the
    /// checkpoint: <c>run.ckpt</c> → <c>run.curves.png</c> (<see cref="TrainingCurves.PathBeside"/>).
    /// </summary>
    public bool CurvesPicture { get; init; }

    /// <summary>
    /// Write each epoch's losses and metrics as TensorBoard scalars (<c>train/loss</c>, <c>train/accuracy</c>,
    /// <c>val/loss</c>, <c>val/accuracy</c>, <c>val/r2</c>, …, step = epoch) to an event file in this directory, with
    /// TorchSharp's <c>SummaryWriter</c>; view them with <c>tensorboard --logdir &lt;directory&gt;</c>. Null = none.
    /// </summary>
    public string? TensorBoardDirectory { get; init; }

    /// <summary>Checked between batches; cancelling throws <see cref="OperationCanceledException"/> and keeps the last epoch's checkpoint.</summary>
    public CancellationToken Cancellation { get; init; }

    internal void Validate()
    {
        if (Epochs is <= 0) throw new ArgumentException($"TrainOptions.Epochs must be positive, got {Epochs}.", nameof(Epochs));
        if (EarlyStoppingPatience is <= 0) throw new ArgumentException($"TrainOptions.EarlyStoppingPatience must be positive, got {EarlyStoppingPatience}.", nameof(EarlyStoppingPatience));
        if (GradientClipNorm is { } norm && !(norm > 0)) throw new ArgumentException($"TrainOptions.GradientClipNorm must be positive, got {norm}.", nameof(GradientClipNorm));
    }
}
