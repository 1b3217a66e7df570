using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;

namespace SciDsl;

/// <summary>
/// A way of training (supervised, semi-supervised, GAN, …) that <see cref="EpochLoop{TBatch}"/> drives. The loop owns
/// epochs, per-epoch seeds, resume, checkpoints, NaN/Inf stops, early stopping, cancellation and progress; the paradigm
/// owns what it trains, its optimizers, its batches, one step on a batch, and validation.
/// See docs/paradigms.md.
/// </summary>
/// <typeparam name="TBatch">What <see cref="TrainBatches"/> yields and <see cref="TrainStep"/> consumes, e.g. sample indices.</typeparam>
internal interface ITrainingParadigm<TBatch>
{
    /// <summary>
    /// Every module whose weights the checkpoint must hold, in a fixed order; the first is the model the run returns
    /// (its weights alone are what <see cref="Checkpoint.LoadWeights"/> and the best-weights file hold). Add e.g. an
    /// EMA teacher or a discriminator after it.
    /// </summary>
    IReadOnlyList<torch.nn.Module> Modules { get; }

    /// <summary>Every optimizer whose state the checkpoint must hold, in a fixed order.</summary>
    IReadOnlyList<OptimizerHelper> Optimizers { get; }

    /// <summary>Training batches per epoch, for the progress bar.</summary>
    int TrainBatchCount { get; }

    /// <summary>Called before each epoch's first batch (after the loop seeded torch for the epoch): set training modes, schedules.</summary>
    void StartEpoch(int epoch);

    /// <summary>The epoch's batches; must depend only on (seed, epoch) so a resumed run sees the batches an uninterrupted one would.</summary>
    IEnumerable<TBatch> TrainBatches(int epoch);

    /// <summary>
    /// One training step. Call <see cref="TrainingStep.Minimise"/> for every optimizer step, so divergence is caught
    /// (naming epoch and batch) before weights change and gradient clipping applies.
    /// </summary>
    BatchResult TrainStep(TBatch batch, TrainingStep step);

    /// <summary>Loss and metrics on the validation data (eval mode, no gradients); null when there is none.</summary>
    Evaluation? Validate();

    /// <summary>State besides weights and optimizer state that resuming needs (e.g. a λ schedule); null when none.</summary>
    JsonElement? SaveState();

    /// <summary>Restores what <see cref="SaveState"/> returned; null for a checkpoint that holds none.</summary>
    void RestoreState(JsonElement? state);
}

/// <summary>What one training batch achieved; the loop averages it over the epoch weighted by <paramref name="Samples"/>.</summary>
/// <param name="Loss">The batch's mean loss (the one reported as the training loss).</param>
/// <param name="Correct">Correctly classified samples, for training accuracy; null when the paradigm does not classify.</param>
internal readonly record struct BatchResult(double Loss, long Samples, long? Correct = null);
