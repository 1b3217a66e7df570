using System.Security.Cryptography;
using System.Text;

namespace SciDsl;

/// <summary>The parts of a checkpoint, in file order.</summary>
internal enum CheckpointSection
{
    ResumeState,
    Weights,
    OptimizerState,
}

/// <summary>
/// The checkpoint format: one file, so one rename replaces all of it. Layout:
/// <c>"SCIDSLCK"</c>, int32 format version, then per <see cref="CheckpointSection"/> an int64 length and its bytes
/// (resume state as UTF-8 JSON, the weights of each module one after another as <c>module.save</c> writes
/// them, the state of each optimizer one after another as <c>save_state_dict</c> writes it), then the SHA-256 of everything before it.
/// </summary>
internal static class CheckpointFile
{
    public const int FormatVersion = 1;
    private const int HeaderLength = 12;
    private const int ChecksumLength = SHA256.HashSizeInBytes;
    private static ReadOnlySpan<byte> Magic => "SCIDSLCK"u8;

    public static string Describe(CheckpointSection section) => section switch
    {
        CheckpointSection.ResumeState => "resume state",
        CheckpointSection.Weights => "weights",
        _ => "optimizer state",
    };

    /// <summary>Writes the sections in <see cref="CheckpointSection"/> order, then the checksum.</summary>
    public static void Write(FileStream stream, params ReadOnlySpan<Action<BinaryWriter>> sections)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        foreach (var writeSection in sections)
        {
            long lengthAt = stream.Position;
            writer.Write(0L);
            writeSection(writer);
            writer.Flush();
            long end = stream.Position;
            stream.Position = lengthAt;
            writer.Write(end - lengthAt - sizeof(long));
            writer.Flush();
            stream.Position = end;
        }
        stream.Position = 0;
        byte[] checksum = SHA256.HashData(stream);
        writer.Write(checksum);
        writer.Flush();
    }

    /// <summary>Opens a checkpoint after checking its header, checksum and layout.</summary>
    /// <exception cref="CheckpointException">The file is not a checkpoint, is of another format version, or is damaged.</exception>
    public static Reader Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        try
        {
            return new Reader(path, stream, Verify(path, stream));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static (long Offset, long Length)[] Verify(string path, FileStream stream)
    {
        long length = stream.Length;
        Span<byte> header = stackalloc byte[HeaderLength];
        int headerRead = stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
        int magicRead = Math.Min(headerRead, Magic.Length);
        if (!header[..magicRead].SequenceEqual(Magic[..magicRead]))
            throw new CheckpointException(path, "not a SciDsl checkpoint (it does not start with 'SCIDSLCK'). A plain weights file is loaded with model.load(path), not resumed.");
        if (length < HeaderLength + ChecksumLength)
            throw new CheckpointException(path, $"truncated: {length} bytes, less than the {HeaderLength + ChecksumLength} of an empty checkpoint.");
        int version = BitConverter.ToInt32(header[Magic.Length..]);
        if (version != FormatVersion)
            throw new CheckpointException(path, $"checkpoint format {version}; this SciDsl reads format {FormatVersion}.");

        long contentLength = length - ChecksumLength;
        if (!ChecksumMatches(stream, contentLength))
            throw new CheckpointException(path, "damaged: its SHA-256 checksum does not match its content (truncated, or altered on disk). Resume from another copy or start without Resume.");

        var sections = new (long Offset, long Length)[Enum.GetValues<CheckpointSection>().Length];
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        stream.Position = HeaderLength;
        for (int i = 0; i < sections.Length; i++)
        {
            string name = Describe((CheckpointSection)i);
            if (stream.Position + sizeof(long) > contentLength)
                throw new CheckpointException(path, $"incomplete: it has no {name} section.");
            long sectionLength = reader.ReadInt64();
            if (sectionLength == 0)
                throw new CheckpointException(path, $"incomplete: it holds no {name}.");
            if (sectionLength < 0 || sectionLength > contentLength - stream.Position)
                throw new CheckpointException(path, $"incomplete: its {name} section claims {sectionLength} bytes, but {contentLength - stream.Position} remain.");
            sections[i] = (stream.Position, sectionLength);
            stream.Position += sectionLength;
        }
        if (stream.Position != contentLength)
            throw new CheckpointException(path, $"damaged: {contentLength - stream.Position} unexpected bytes after its sections.");
        return sections;
    }

    private static bool ChecksumMatches(FileStream stream, long contentLength)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[1 << 16];
        stream.Position = 0;
        for (long left = contentLength; left > 0;)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) return false;
            hash.AppendData(buffer, 0, read);
            left -= read;
        }
        Span<byte> stored = stackalloc byte[ChecksumLength];
        stream.ReadExactly(stored);
        return hash.GetHashAndReset().AsSpan().SequenceEqual(stored);
    }

    /// <summary>A verified checkpoint; its file handle stays open, so a later replacement cannot change what is read.</summary>
    public sealed class Reader(string path, FileStream stream, (long Offset, long Length)[] sections) : IDisposable
    {
        public string Path => path;

        public byte[] ReadBytes(CheckpointSection section)
        {
            var (offset, length) = sections[(int)section];
            stream.Position = offset;
            byte[] bytes = new byte[length];
            stream.ReadExactly(bytes);
            return bytes;
        }

        /// <summary>
        /// Runs <paramref name="read"/> on the section and checks it stayed inside it and, when <paramref name="wholeSection"/>,
        /// consumed all of it (a caller reading only the first of several modules passes false).
        /// </summary>
        public void Read(CheckpointSection section, Action<BinaryReader> read, bool wholeSection = true)
        {
            var (offset, length) = sections[(int)section];
            stream.Position = offset;
            using (var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true)) read(reader);
            if (wholeSection ? stream.Position != offset + length : stream.Position > offset + length)
                throw new CheckpointException(path, $"its {Describe(section)} section holds {length} bytes, but reading it used {stream.Position - offset}.");
        }

        public void Dispose() => stream.Dispose();
    }
}
