using SciDsl.Onnx;
using SciDsl.Tests.Training;

namespace SciDsl.Tests.IO;

/// <summary>Temp files are unique per write and removed once no live writer can own them.</summary>
public sealed class AtomicReplaceTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Overlapping_writes_to_one_target_use_their_own_temp_files()
    {
        string path = temp.File("model.onnx");

        AtomicReplace.Write(path, outer =>
        {
            outer.Write("outer"u8);
            AtomicReplace.Write(path, inner => inner.Write("inner"u8));
        });

        Assert.Equal("outer", File.ReadAllText(path));
        Assert.Equal(["model.onnx"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void An_export_removes_old_unlocked_temp_files_of_its_target_and_keeps_the_rest()
    {
        string path = temp.File("model.onnx");
        string abandoned = Leftover(".model.onnx", age: TimeSpan.FromMinutes(5));
        string recent = Leftover(".model.onnx", age: TimeSpan.Zero);
        string held = Leftover(".model.onnx", age: TimeSpan.FromMinutes(5));
        string otherTarget = Leftover(".other.onnx", age: TimeSpan.FromMinutes(5));

        using (new FileStream(held, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            AtomicFile.Write(path, stream => stream.Write("model"u8));

        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(recent), "a temp file written moments ago may belong to a live export");
        Assert.True(File.Exists(held), "a temp file held open belongs to a live export");
        Assert.True(File.Exists(otherTarget));
        Assert.Equal("model", File.ReadAllText(path));
    }

    private string Leftover(string prefix, TimeSpan age)
    {
        string file = temp.File($"{prefix}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(file, "half-written");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow - age);
        return file;
    }
}
