using System.IO.Compression;
using TorchSharp;

namespace SciDsl;

/// <summary>
/// Reads NumPy arrays: <c>.npy</c> files (format 1.0–3.0; float32, float64, int64, int32, uint8 and bool, little-endian,
/// C order) and <c>.npz</c> archives of them (zip, stored or deflated, as <c>np.savez</c> and <c>np.savez_compressed</c> write).
/// </summary>
public static class NumpyData
{
    /// <summary>One <c>.npy</c> array as a tensor of its dtype and shape.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">Not an .npy file, cut off, Fortran order, big-endian or an unsupported dtype.</exception>
    public static torch.Tensor Load(string path) => NpyFormat.Read(File.ReadAllBytes(ExistingFile(path)), Path.GetFullPath(path));

    /// <summary>Every array of an <c>.npz</c> archive by name (the entry name without <c>.npy</c>), in archive order.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">Not a zip archive, damaged, or an entry is not a readable .npy array (the message names the entry).</exception>
    public static IReadOnlyList<(string Name, torch.Tensor Values)> LoadArchive(string path)
    {
        string fullPath = ExistingFile(path);
        try
        {
            using var archive = ZipFile.OpenRead(fullPath);
            var arrays = new List<(string, torch.Tensor)>();
            foreach (var entry in archive.Entries)
            {
                string where = $"{fullPath} (entry {entry.FullName})";
                if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal))
                    throw new DataFormatException(where, null, null, null, "an .npz archive holds only .npy arrays");
                using var stream = entry.Open();
                using var bytes = new MemoryStream();
                stream.CopyTo(bytes);
                arrays.Add((entry.FullName[..^".npy".Length], NpyFormat.Read(bytes.ToArray(), where)));
            }
            return arrays;
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(fullPath, null, null, null, $"not a readable .npz (zip) archive: {e.Message.TrimEnd('.')}");
        }
    }

    /// <summary>
    /// Samples from an <c>.npz</c> archive: the arrays named in <paramref name="inputs"/> as inputs (e.g. <c>x</c>, <c>adj</c>)
    /// and <paramref name="target"/>, when given, as targets. Checked against a declaration with <see cref="DatasetSignature.Check(SampleSet, string)"/>.
    /// </summary>
    /// <exception cref="DataFormatException">A named array is not in the archive (the message lists those that are), or the arrays disagree on the sample count.</exception>
    public static SampleSet LoadSamples(string path, IReadOnlyList<string> inputs, string? target = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var arrays = LoadArchive(path);
        string fullPath = Path.GetFullPath(path);
        torch.Tensor Array(string name) => arrays.FirstOrDefault(a => a.Name == name).Values
            ?? throw new DataFormatException(fullPath, null, null, name, $"no such array in the archive; it has {string.Join(", ", arrays.Select(a => a.Name))}");
        try
        {
            return new SampleSet(inputs.Select(name => (name, Array(name))), target is null ? null : Array(target));
        }
        catch (ArgumentException e)
        {
            throw DataFormatException.About(fullPath, e);
        }
    }

    private static string ExistingFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath)) throw new DataFormatException(fullPath, null, null, null, "is a directory, expected a NumPy file");
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"NumPy file '{fullPath}' does not exist.", fullPath);
        return fullPath;
    }
}
