using TorchSharp;

namespace SciDsl;

/// <summary>Reads the checkpoints that training writes (<see cref="TrainingResult{TModel}.CheckpointPath"/>).</summary>
public static class Checkpoint
{
    /// <summary>Loads the weights saved in a checkpoint into <paramref name="model"/>, after checking the file is whole.</summary>
    /// <exception cref="CheckpointException">The file is missing, not a checkpoint, damaged, or holds weights of another shape.</exception>
    public static void LoadWeights(torch.nn.Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        CheckpointStore.LoadWeights(model, path);
    }
}
