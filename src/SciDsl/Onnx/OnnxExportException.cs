namespace SciDsl.Onnx;

/// <summary>An ONNX model could not be written to <see cref="Path"/>; nothing was left behind there.</summary>
public sealed class OnnxExportException : IOException
{
    public OnnxExportException(string path, string cause, Exception? innerException = null)
        : base($"Cannot write ONNX model to '{path}': {cause}", innerException)
    {
        Path = path;
    }

    public string Path { get; }
}
