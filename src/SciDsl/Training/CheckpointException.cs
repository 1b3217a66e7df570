namespace SciDsl;

/// <summary>A checkpoint cannot be written or resumed from: damaged, incomplete, of another model, or in use by another run.</summary>
public sealed class CheckpointException(string path, string problem, Exception? inner = null)
    : IOException($"Checkpoint '{path}': {problem}", inner)
{
    /// <summary>The checkpoint file concerned.</summary>
    public string FilePath { get; } = path;
}
