using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using TorchSharp;

namespace SciDsl;

/// <summary>
/// Parses NumPy's <c>.npy</c> format (versions 1.0, 2.0 and 3.0): the magic <c>\x93NUMPY</c>, a version, the header
/// length (2 bytes in 1.0, 4 after), a Python dict literal with <c>descr</c>, <c>fortran_order</c> and <c>shape</c>,
/// then the raw array. Little-endian (or byte-sized) float32/float64/int64/int32/uint8/bool arrays in C order are read;
/// anything else is a <see cref="DataFormatException"/> that says how to save the array so it can be read.
/// </summary>
internal static partial class NpyFormat
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <param name="where">The file (and archive entry) named in errors.</param>
    public static torch.Tensor Read(byte[] bytes, string where)
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
            throw new DataFormatException(where, null, null, null, "not a NumPy .npy array: it does not start with the magic bytes \\x93NUMPY");
        byte major = bytes[6];
        if (major is < 1 or > 3)
            throw new DataFormatException(where, null, null, null, $"NumPy format version {major}.{bytes[7]} is not supported (1.0, 2.0 and 3.0 are)");
        int lengthSize = major == 1 ? 2 : 4;
        if (bytes.Length < 8 + lengthSize)
            throw new DataFormatException(where, null, null, null, "the header is cut off; get a complete copy");
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        long dataStart = 8 + lengthSize + headerLength;
        if (dataStart > bytes.Length)
            throw new DataFormatException(where, null, null, null, $"the header is cut off: it declares {headerLength} bytes but the file has {bytes.Length} in all; get a complete copy");
        // Version 3.0 allows UTF-8 in the header; 1.0 and 2.0 are Latin-1.
        var encoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        string header = encoding.GetString(bytes, 8 + lengthSize, (int)headerLength);

        string descr = Field(header, DescrPattern(), "descr", where);
        string fortran = Field(header, FortranPattern(), "fortran_order", where);
        string shapeText = Field(header, ShapePattern(), "shape", where);
        if (fortran == "True")
            throw new DataFormatException(where, null, null, header.Trim(),
                "the array is in Fortran (column-major) order; only C order is read: save it with np.save(path, np.ascontiguousarray(a))");
        long[] shape = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(dim => long.TryParse(dim.TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out long size) ? size
                : throw new DataFormatException(where, null, null, shapeText, "the shape is not a tuple of sizes"))
            .ToArray();
        var (type, itemSize) = ElementType(descr, where);

        long count = shape.Aggregate(1L, (product, dim) => checked(product * dim));
        long expected = checked(count * itemSize), actual = bytes.Length - dataStart;
        if (actual < expected)
            throw new DataFormatException(where, null, null, null,
                $"the data is cut off: shape ({string.Join(", ", shape)}) of {descr} needs {expected} bytes after the header but the file has {actual}; get a complete copy");
        if (actual > expected)
            throw new DataFormatException(where, null, null, null,
                $"{actual - expected} bytes follow the array of shape ({string.Join(", ", shape)}) of {descr}; the file is not one .npy array (several arrays belong in an .npz)");
        return ToTensor(bytes.AsSpan((int)dataStart, (int)expected), type, shape);
    }

    private static string Field(string header, Regex pattern, string name, string where) =>
        pattern.Match(header) is { Success: true } match
            ? match.Groups[1].Value
            : throw new DataFormatException(where, null, null, header.Trim(), $"the .npy header has no readable '{name}'");

    private static (torch.ScalarType Type, int Size) ElementType(string descr, string where)
    {
        char order = descr[0];
        string kind = descr[1..];
        bool byteSized = kind is "u1" or "b1" or "i1";
        if (order == '>' && !byteSized)
            throw new DataFormatException(where, null, null, descr,
                "the array is big-endian; only little-endian data is read: save it with np.save(path, a.astype(a.dtype.newbyteorder('<')))");
        if (order is not ('<' or '|' or '=' or '>'))
            throw new DataFormatException(where, null, null, descr, "the dtype has an unknown byte-order mark");
        return kind switch
        {
            "f4" => (torch.ScalarType.Float32, 4),
            "f8" => (torch.ScalarType.Float64, 8),
            "i8" => (torch.ScalarType.Int64, 8),
            "i4" => (torch.ScalarType.Int32, 4),
            "u1" => (torch.ScalarType.Byte, 1),
            "b1" => (torch.ScalarType.Bool, 1),
            _ => throw new DataFormatException(where, null, null, descr,
                "unsupported dtype; float32 (<f4), float64 (<f8), int64 (<i8), int32 (<i4), uint8 (|u1) and bool (|b1) are read: convert with a.astype(np.float32)"),
        };
    }

    private static torch.Tensor ToTensor(ReadOnlySpan<byte> data, torch.ScalarType type, long[] shape)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Reading .npy files needs a little-endian machine.");
        return type switch
        {
            torch.ScalarType.Float32 => torch.tensor(MemoryMarshal.Cast<byte, float>(data).ToArray(), shape),
            torch.ScalarType.Float64 => torch.tensor(MemoryMarshal.Cast<byte, double>(data).ToArray(), shape),
            torch.ScalarType.Int64 => torch.tensor(MemoryMarshal.Cast<byte, long>(data).ToArray(), shape),
            torch.ScalarType.Int32 => torch.tensor(MemoryMarshal.Cast<byte, int>(data).ToArray(), shape),
            torch.ScalarType.Byte => torch.tensor(data.ToArray(), shape),
            _ => torch.tensor(data.ToArray().Select(b => b != 0).ToArray(), shape),
        };
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([<>|=][a-zA-Z]\d+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
