using System.Text.Json;
using System.Text.Json.Serialization;
using TorchSharp;
using TorchSharp.Modules;

namespace SciDsl;

/// <summary>What a checkpoint records besides weights and optimizer state so a run can resume.</summary>
/// <param name="BestMonitored">The best value of the monitored metric so far, as minimised (<see cref="MonitoredMetric.Minimised"/>).</param>
/// <param name="BestEpoch">The epoch whose weights the best-weights file holds; null without validation.</param>
/// <param name="Paradigm">The paradigm's own state (<see cref="ITrainingParadigm{TBatch}.SaveState"/>).</param>
/// <param name="ModuleCount">How many modules the weights section holds, one after another (the returned model first).</param>
internal sealed record CheckpointState(
    string Model,
    int Epoch,
    List<EpochMetrics> History,
    double BestMonitored,
    int? BestEpoch,
    int EpochsWithoutImprovement,
    JsonElement? Paradigm = null,
    int ModuleCount = 1);

/// <summary>
/// One run's checkpoint: a single <see cref="CheckpointFile"/> (resume state, weights of every module of the paradigm,
/// the state of every optimizer, checksum) replaced atomically after every epoch, and the best weights beside it as a plain <c>module.save</c> file.
/// Holds an OS lock on <c>&lt;checkpoint&gt;.lock</c> while open, so a second run on the same path is refused;
/// the OS releases it when the process ends, however it ends.
/// </summary>
internal sealed class CheckpointStore : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Test seam: told just before and just after the rename that commits the checkpoint of an epoch.</summary>
    internal static Action<ReplaceStage, int>? CommitObserver;

    private readonly FileStream runLock;

    private CheckpointStore(string path, FileStream runLock)
    {
        CheckpointPath = path;
        this.runLock = runLock;
    }

    public string CheckpointPath { get; }
    public string BestWeightsPath => BestWeightsPathOf(CheckpointPath);

    public static string BestWeightsPathOf(string checkpointPath) => Path.ChangeExtension(checkpointPath, ".best" + Path.GetExtension(checkpointPath));

    public static string DefaultPath(string name) =>
        Path.Combine(Directory.GetCurrentDirectory(), "checkpoints", name + ".ckpt");

    /// <summary>
    /// Opens a training run's checkpoint: <see cref="TrainOptions.CheckpointPath"/>, else <see cref="DefaultPath"/> of the
    /// experiment's name (the model's when there is none).
    /// </summary>
    /// <exception cref="CheckpointException">Another run holds the lock.</exception>
    public static CheckpointStore OpenForRun(TrainOptions options, string? experimentName, string modelName) =>
        Open(options.CheckpointPath ?? DefaultPath(experimentName ?? modelName));

    /// <summary>Takes the run lock and removes temp files that killed runs left.</summary>
    /// <exception cref="CheckpointException">Another run holds the lock.</exception>
    public static CheckpointStore Open(string path)
    {
        string fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        string lockPath = fullPath + ".lock";
        FileStream runLock;
        try
        {
            runLock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new CheckpointException(fullPath,
                $"in use by another training run, which holds '{lockPath}'. Wait for it to finish, or give this run another TrainOptions.CheckpointPath.", e);
        }
        var store = new CheckpointStore(fullPath, runLock);
        // Holding the lock, every temp file of these targets belongs to a run that no longer writes.
        AtomicReplace.DeleteAbandonedTemps(store.CheckpointPath, TimeSpan.Zero);
        AtomicReplace.DeleteAbandonedTemps(store.BestWeightsPath, TimeSpan.Zero);
        return store;
    }

    /// <summary>Writes the modules' weights one after another, likewise the optimizers' states.</summary>
    public void Save(IReadOnlyList<torch.nn.Module> modules, IReadOnlyList<OptimizerHelper> optimizers, CheckpointState state)
    {
        byte[] resumeState = JsonSerializer.SerializeToUtf8Bytes(state with { ModuleCount = modules.Count }, Json);
        WriteOrExplain(CheckpointPath, () => AtomicReplace.Write(CheckpointPath,
            stream => CheckpointFile.Write(stream,
                writer => writer.Write(resumeState),
                writer => { foreach (var module in modules) module.save(writer); },
                writer => { foreach (var optimizer in optimizers) optimizer.save_state_dict(writer); }),
            stage => CommitObserver?.Invoke(stage, state.Epoch)));
    }

    public void SaveBest(torch.nn.Module model) => WriteOrExplain(BestWeightsPath, () => AtomicReplace.Write(BestWeightsPath, stream =>
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        model.save(writer);
    }));

    private static void WriteOrExplain(string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"could not be written ({e.Message}); the previous file there is unchanged.", e);
        }
    }

    /// <summary>Restores every module's weights and every optimizer's state; null when there is no checkpoint file at all.</summary>
    /// <exception cref="CheckpointException">The checkpoint is damaged, incomplete, or does not fit the modules or optimizers.</exception>
    public CheckpointState? TryRestore(IReadOnlyList<torch.nn.Module> modules, IReadOnlyList<OptimizerHelper> optimizers, string modelName)
    {
        if (!File.Exists(CheckpointPath)) return null;
        using var checkpoint = CheckpointFile.Open(CheckpointPath);
        var state = ReadState(checkpoint, modelName);
        if (state.ModuleCount != modules.Count)
            throw new CheckpointException(CheckpointPath, $"it holds the weights of {state.ModuleCount} modules, but this run trains {modules.Count}; it was written by another training paradigm.");
        LoadWeights(checkpoint, modules, modelName, wholeSection: true);
        OptimizerHelper? loading = null;
        try
        {
            checkpoint.Read(CheckpointSection.OptimizerState, reader =>
            {
                foreach (var optimizer in optimizers)
                {
                    loading = optimizer;
                    optimizer.load_state_dict(reader);
                }
            });
        }
        catch (Exception e) when (e is not CheckpointException)
        {
            // Whatever TorchSharp throws on state it cannot take, the cause is this file.
            throw new CheckpointException(CheckpointPath, $"its optimizer state does not fit this run's {loading?.GetType().Name} ({e.Message}).", e);
        }
        return state;
    }

    /// <summary>Loads only the weights of a checkpoint, after checking it is whole.</summary>
    public static void LoadWeights(torch.nn.Module model, string path)
    {
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new CheckpointException(fullPath, "no such file.");
        using var checkpoint = CheckpointFile.Open(fullPath);
        // Paradigms that keep more modules (a teacher, a discriminator) store them after the model: read only the first.
        LoadWeights(checkpoint, [model], model.GetType().Name, wholeSection: false);
    }

    private static void LoadWeights(CheckpointFile.Reader checkpoint, IReadOnlyList<torch.nn.Module> modules, string modelName, bool wholeSection)
    {
        try
        {
            checkpoint.Read(CheckpointSection.Weights, reader => { foreach (var module in modules) module.load(reader); }, wholeSection);
        }
        catch (Exception e) when (e is not CheckpointException)
        {
            throw new CheckpointException(checkpoint.Path, $"its weights do not fit {modelName} ({e.Message}).", e);
        }
    }

    private static CheckpointState ReadState(CheckpointFile.Reader checkpoint, string modelName)
    {
        CheckpointState? state;
        try
        {
            state = JsonSerializer.Deserialize<CheckpointState>(checkpoint.ReadBytes(CheckpointSection.ResumeState), Json);
        }
        catch (JsonException e)
        {
            throw new CheckpointException(checkpoint.Path, $"its resume state is not valid JSON ({e.Message}).", e);
        }
        if (state is null || state.History is null || state.Epoch < 1 || state.Epoch != state.History.Count || state.ModuleCount < 1)
            throw new CheckpointException(checkpoint.Path, "its resume state is inconsistent (the epoch does not match the recorded history).");
        if (state.Model != modelName)
            throw new CheckpointException(checkpoint.Path, $"it holds a {state.Model}, not a {modelName}. Give this run another TrainOptions.CheckpointPath.");
        return state;
    }

    public void Dispose() => runLock.Dispose();
}
