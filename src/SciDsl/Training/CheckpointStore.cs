using System.Text.Json;
using TorchSharp;

namespace SciDsl;

/// <summary>What a checkpoint's JSON sidecar records so a run can resume.</summary>
internal sealed record CheckpointState(
    string Model,
    int Epoch,
    List<EpochMetrics> History,
    double BestMonitoredLoss,
    double? BestValidationLoss,
    int EpochsWithoutImprovement);

/// <summary>
/// Writes a checkpoint as three files, each atomically (temp file, then rename): the weights at
/// <see cref="WeightsPath"/> (plain <c>module.save</c>, so <c>model.load(path)</c> works), the optimizer
/// state beside it (<c>.optim</c>) and the resume state (<c>.json</c>), written last as the commit marker.
/// </summary>
internal sealed class CheckpointStore(string weightsPath)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string WeightsPath { get; } = Path.GetFullPath(weightsPath);
    public string BestWeightsPath => Path.ChangeExtension(WeightsPath, ".best" + Path.GetExtension(WeightsPath));
    private string OptimizerPath => WeightsPath + ".optim";
    private string StatePath => WeightsPath + ".json";

    public static string DefaultPath(string modelName) =>
        Path.Combine(Directory.GetCurrentDirectory(), "checkpoints", modelName + ".ckpt");

    public void Save(torch.nn.Module model, torch.optim.Optimizer optimizer, CheckpointState state)
    {
        WriteAtomically(WeightsPath, path => model.save(path));
        if (optimizer is TorchSharp.Modules.OptimizerHelper helper)
            WriteAtomically(OptimizerPath, helper.save_state_dict);
        WriteAtomically(StatePath, path => File.WriteAllText(path, JsonSerializer.Serialize(state, Json)));
    }

    public void SaveBest(torch.nn.Module model) => WriteAtomically(BestWeightsPath, path => model.save(path));

    /// <summary>Restores weights and optimizer state; null when there is no complete checkpoint to resume from.</summary>
    public CheckpointState? TryRestore(torch.nn.Module model, torch.optim.Optimizer optimizer, string modelName)
    {
        if (!File.Exists(WeightsPath) || !File.Exists(StatePath)) return null;
        var state = JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(StatePath), Json)
            ?? throw new InvalidDataException($"Checkpoint state '{StatePath}' is empty.");
        if (state.Model != modelName)
            throw new InvalidOperationException($"Cannot resume {modelName} from '{WeightsPath}': it holds a {state.Model}.");
        try
        {
            model.load(WeightsPath);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            throw new InvalidOperationException($"Cannot resume {modelName} from '{WeightsPath}': the weights do not fit the model ({e.Message}).", e);
        }
        if (optimizer is TorchSharp.Modules.OptimizerHelper helper && File.Exists(OptimizerPath))
            helper.load_state_dict(OptimizerPath);
        return state;
    }

    private static void WriteAtomically(string path, Action<string> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = path + ".tmp";
        try
        {
            write(temp);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            // The previous checkpoint stays as it was; no half-written temp file is left beside it.
            File.Delete(temp);
            throw;
        }
    }
}
