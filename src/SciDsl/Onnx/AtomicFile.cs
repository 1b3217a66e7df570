namespace SciDsl.Onnx;

/// <summary>Writes a file all-or-nothing: a temp file beside the target, renamed over it only once complete.</summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new OnnxExportException(path ?? "", "the path is empty");
        }

        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? "";
        if (!Directory.Exists(directory))
        {
            throw new OnnxExportException(path, $"the directory '{directory}' does not exist");
        }

        try
        {
            // Exports have no lock of their own: only temp files old and unlocked enough to be a killed export's go.
            AtomicReplace.DeleteAbandonedTemps(fullPath, AtomicReplace.AbandonedAfter);
            AtomicReplace.Write(fullPath, write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OnnxExportException(path, e.Message, e);
        }
    }
}
