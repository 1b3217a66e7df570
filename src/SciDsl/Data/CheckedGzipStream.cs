using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.IO.Hashing;

namespace SciDsl;

/// <summary>
/// Decompresses a whole gzip file, member after member (as <c>cat a.gz b.gz</c> makes), and checks every
/// member's trailer: the CRC-32 and the length (mod 2³²) of its decompressed data. <see cref="GZipStream"/>
/// checks neither and simply ends early on a truncated file, which would load the first rows as if complete.
/// Problems are <see cref="InvalidDataException"/>s whose message says what is wrong with the file.
/// </summary>
internal sealed class CheckedGzipStream(byte[] file) : Stream
{
    private const int HeaderLength = 10, TrailerLength = 8;
    private const byte FlagHeaderCrc = 0x02, FlagExtra = 0x04, FlagName = 0x08, FlagComment = 0x10;

    private readonly Crc32 crc = new();
    private DeflateStream? member;
    private int memberStart;
    private long memberLength;
    private bool finished;

    public static bool HasGzipMagic(ReadOnlySpan<byte> start) => start is [0x1f, 0x8b, ..];

    public override int Read(Span<byte> buffer)
    {
        while (!finished && !buffer.IsEmpty)
        {
            member ??= OpenMember();
            int read = Inflate(member, buffer);
            if (read > 0)
            {
                crc.Append(buffer[..read]);
                memberLength += read;
                return read;
            }
            CloseMember();
        }
        return 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    private DeflateStream OpenMember()
    {
        var header = file.AsSpan(memberStart);
        if (header.Length < HeaderLength || !HasGzipMagic(header))
            throw new InvalidDataException("the compressed data ends early: the gzip header is incomplete; the file is probably cut off, get a complete copy");
        if (header[2] != 8)
            throw new InvalidDataException($"the gzip data uses compression method {header[2]}; only deflate (8) is supported");

        byte flags = header[3];
        int position = HeaderLength;
        if ((flags & FlagExtra) != 0)
            position += header.Length >= position + 2 ? 2 + BinaryPrimitives.ReadUInt16LittleEndian(header[position..]) : header.Length;
        if ((flags & FlagName) != 0) position = SkipZeroTerminated(header, position);
        if ((flags & FlagComment) != 0) position = SkipZeroTerminated(header, position);
        if ((flags & FlagHeaderCrc) != 0) position += 2;
        if (position > header.Length)
            throw new InvalidDataException("the compressed data ends early, inside the gzip header; the file is probably cut off, get a complete copy");

        crc.Reset();
        memberLength = 0;
        int dataStart = memberStart + position;
        return new DeflateStream(new MemoryStream(file, dataStart, file.Length - dataStart, writable: false), CompressionMode.Decompress);
    }

    private static int SkipZeroTerminated(ReadOnlySpan<byte> header, int position)
    {
        int end = position < header.Length ? header[position..].IndexOf((byte)0) : -1;
        return end < 0 ? header.Length + 1 : position + end + 1;
    }

    private static int Inflate(DeflateStream deflate, Span<byte> buffer)
    {
        try
        {
            return deflate.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"the compressed data is corrupt ({e.Message})", e);
        }
    }

    /// <summary>
    /// The member's deflate data has ended: its trailer follows somewhere after it. Found followed by another
    /// gzip header, the next member starts there; found at the end of the file, the file is complete.
    /// Searching for the expected trailer (rather than locating it) is needed because <see cref="DeflateStream"/>
    /// does not tell how much input it consumed; a false match needs 8 to 11 coincident bytes.
    /// </summary>
    private void CloseMember()
    {
        member!.Dispose();
        member = null;
        Span<byte> trailer = stackalloc byte[TrailerLength + 3];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)memberLength));
        trailer[8] = 0x1f;
        trailer[9] = 0x8b;
        trailer[10] = 8;

        var rest = file.AsSpan(memberStart + HeaderLength);
        int next = rest.IndexOf(trailer);
        if (next >= 0)
        {
            memberStart += HeaderLength + next + TrailerLength;
            return;
        }
        if (rest.EndsWith(trailer[..TrailerLength]))
        {
            finished = true;
            return;
        }
        throw new InvalidDataException(DescribeTrailerMismatch(trailer[..TrailerLength]));
    }

    private string DescribeTrailerMismatch(ReadOnlySpan<byte> expected)
    {
        if (file.Length - memberStart < HeaderLength + TrailerLength)
            return "the compressed data ends early: there is no gzip trailer; the file is probably cut off, get a complete copy";
        var actual = file.AsSpan(file.Length - TrailerLength);
        bool crcMatches = actual[..4].SequenceEqual(expected[..4]), lengthMatches = actual[4..].SequenceEqual(expected[4..]);
        string different = (crcMatches, lengthMatches) switch
        {
            (true, false) => "length",
            (false, true) => "CRC-32",
            _ => "CRC-32 and length",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"the compressed data ends early or is damaged: the gzip trailer records a different {different} than the {memberLength} bytes decompressed; the file is probably cut off (an interrupted download or copy), get a complete copy");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) member?.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
