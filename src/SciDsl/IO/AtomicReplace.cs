namespace SciDsl;

/// <summary>Where a replacement stands when <see cref="AtomicReplace.Write"/> reports it.</summary>
internal enum ReplaceStage
{
    /// <summary>The temp file is complete and on disk; the target still holds the previous content.</summary>
    BeforeRename,
    /// <summary>The target holds the new content.</summary>
    AfterRename,
}

/// <summary>
/// Replaces a file all-or-nothing: a uniquely named temp file beside it is written, flushed to disk, then renamed
/// over it, so a crash at any instant leaves the previous or the new content. A failed write removes its temp file;
/// temp files left by killed processes are removed by a later write to the same target.
/// </summary>
internal static class AtomicReplace
{
    /// <summary>
    /// An unlocked temp file this old is taken as left behind by a killed process. A live writer holds its temp file
    /// locked while writing and renames it within moments of unlocking it, so it is never both unlocked and this old.
    /// </summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(1);

    /// <param name="write">Writes the content; the stream is readable too, so the content can be checksummed.</param>
    /// <param name="observe">Told just before and just after the rename (where kill tests stop a process).</param>
    public static void Write(string path, Action<FileStream> write, Action<ReplaceStage>? observe = null)
    {
        string fullPath = Path.GetFullPath(path);
        string tempPath = TempPathFor(fullPath);
        bool renamed = false;
        try
        {
            // Locked while written, so another writer's clean-up never mistakes it for an abandoned one.
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            observe?.Invoke(ReplaceStage.BeforeRename);
            // Same directory as the target, so the rename never crosses file systems and is atomic.
            File.Move(tempPath, fullPath, overwrite: true);
            renamed = true;
            observe?.Invoke(ReplaceStage.AfterRename);
        }
        finally
        {
            if (!renamed) TryDelete(tempPath);
        }
    }

    /// <summary>
    /// Deletes temp files of <paramref name="path"/> that no process holds open and that were last written at least
    /// <paramref name="minimumAge"/> ago. Only names this class makes (<c>.name.&lt;guid&gt;.tmp</c>) are touched.
    /// </summary>
    public static void DeleteAbandonedTemps(string path, TimeSpan minimumAge)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(directory)) return;
        string prefix = "." + Path.GetFileName(fullPath) + ".";
        foreach (string candidate in Directory.EnumerateFiles(directory, prefix + "*.tmp"))
        {
            string middle = Path.GetFileName(candidate)[prefix.Length..^".tmp".Length];
            if (!Guid.TryParseExact(middle, "N", out _)) continue;
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(candidate) < minimumAge) continue;
            try
            {
                // Opens only when no live writer holds it; deleted as this handle closes.
                using var _ = new FileStream(candidate, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use or already gone: not ours to remove.
            }
        }
    }

    private static string TempPathFor(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original failure is the one worth reporting; a later write removes the leftover.
        }
    }
}
