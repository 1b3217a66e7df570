using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SciDsl.Tests.Training;
using TorchSharp;

namespace SciDsl.Tests.Data;

/// <summary>
/// .npy and .npz files built byte by byte here as NumPy's format description says (magic, version, header length, a
/// dict literal padded with spaces to a multiple of 64 bytes, then the raw little-endian data), since no NumPy is at hand.
/// </summary>
public sealed class NumpyDataTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    internal static byte[] Npy(string descr, string shape, byte[] data, int major = 1, bool fortran = false)
    {
        string dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        int prefix = 8 + (major == 1 ? 2 : 4);
        int padded = (prefix + dict.Length + 1 + 63) / 64 * 64;
        string header = dict.PadRight(padded - prefix - 1) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0 };
        byte[] length = new byte[major == 1 ? 2 : 4];
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)header.Length);
        bytes.AddRange(length);
        bytes.AddRange(Encoding.Latin1.GetBytes(header));
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    private static byte[] Floats(params float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    private string Write(string name, byte[] bytes)
    {
        string path = temp.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Version_1_float32_matrix_in_C_order()
    {
        var tensor = NumpyData.Load(Write("a.npy", Npy("<f4", "(2, 3)", Floats(1, 2, 3, 4, 5, -6.5f))));

        Assert.Equal(torch.ScalarType.Float32, tensor.dtype);
        Assert.Equal([2L, 3L], tensor.shape);
        Assert.Equal(-6.5f, tensor[1, 2].item<float>());
        Assert.Equal(4f, tensor[1, 0].item<float>());
    }

    [Fact]
    public void Version_2_float64_and_version_3_int64()
    {
        var doubles = NumpyData.Load(Write("d.npy", Npy("<f8", "(2,)", [.. BitConverter.GetBytes(0.1), .. BitConverter.GetBytes(1e300)], major: 2)));
        var longs = NumpyData.Load(Write("l.npy", Npy("<i8", "(3,)", [.. BitConverter.GetBytes(-1L), .. BitConverter.GetBytes(long.MaxValue), .. BitConverter.GetBytes(7L)], major: 3)));

        Assert.Equal([0.1, 1e300], doubles.data<double>().ToArray());
        Assert.Equal([-1L, long.MaxValue, 7L], longs.data<long>().ToArray());
    }

    [Fact]
    public void Int32_uint8_bool_and_a_scalar()
    {
        var ints = NumpyData.Load(Write("i.npy", Npy("<i4", "(2,)", [.. BitConverter.GetBytes(-3), .. BitConverter.GetBytes(40000)])));
        var bytes = NumpyData.Load(Write("u.npy", Npy("|u1", "(1, 3)", [0, 128, 255])));
        var flags = NumpyData.Load(Write("b.npy", Npy("|b1", "(2,)", [1, 0])));
        var scalar = NumpyData.Load(Write("s.npy", Npy("<f4", "()", Floats(2.5f))));

        Assert.Equal([-3, 40000], ints.data<int>().ToArray());
        Assert.Equal([0, 128, 255], bytes.data<byte>().ToArray());
        Assert.Equal([true, false], flags.data<bool>().ToArray());
        Assert.Equal(0, scalar.dim());
        Assert.Equal(2.5f, scalar.item<float>());
    }

    [Fact]
    public void Fortran_order_is_refused_with_how_to_save_in_C_order()
    {
        string path = Write("f.npy", Npy("<f4", "(2, 2)", Floats(1, 2, 3, 4), fortran: true));

        var error = Assert.Throws<DataFormatException>(() => NumpyData.Load(path));

        Assert.StartsWith(path + ":", error.Message);
        Assert.Contains("Fortran (column-major) order", error.Message);
        Assert.Contains("np.ascontiguousarray", error.Message);
    }

    [Fact]
    public void Big_endian_is_refused_with_how_to_convert()
    {
        var error = Assert.Throws<DataFormatException>(() => NumpyData.Load(Write("be.npy", Npy(">f4", "(1,)", [0x3f, 0x80, 0, 0]))));

        Assert.Contains("big-endian", error.Message);
        Assert.Equal(">f4", error.Text);
    }

    [Fact]
    public void Unsupported_dtype_lists_the_supported_ones()
    {
        var error = Assert.Throws<DataFormatException>(() => NumpyData.Load(Write("c.npy", Npy("<c8", "(1,)", new byte[8]))));

        Assert.Contains("unsupported dtype", error.Message);
        Assert.Contains("float32 (<f4)", error.Message);
    }

    [Fact]
    public void Cut_off_data_says_how_many_bytes_were_expected()
    {
        byte[] whole = Npy("<f4", "(2, 3)", Floats(1, 2, 3, 4, 5, 6));

        var error = Assert.Throws<DataFormatException>(() => NumpyData.Load(Write("cut.npy", whole[..^5])));

        Assert.Contains("needs 24 bytes after the header but the file has 19", error.Message);
    }

    [Fact]
    public void Not_an_npy_file_and_a_missing_file()
    {
        var notNpy = Assert.Throws<DataFormatException>(() => NumpyData.Load(Write("x.npy", Encoding.ASCII.GetBytes("1,2,3\n"))));
        string absent = temp.File("absent.npy");
        var missing = Assert.Throws<FileNotFoundException>(() => NumpyData.Load(absent));

        Assert.Contains("does not start with the magic bytes", notNpy.Message);
        Assert.Equal(absent, missing.FileName);
    }

    private string Archive(string name, CompressionLevel level, params (string Entry, byte[] Bytes)[] entries)
    {
        string path = temp.File(name);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var (entry, bytes) in entries)
            {
                using var stream = zip.CreateEntry(entry, level).Open();
                stream.Write(bytes);
            }
        }
        return path;
    }

    /// <summary>The compression method of the archive's first local file header (0 stored, 8 deflated).</summary>
    private static int FirstMethod(string path) => BinaryPrimitives.ReadUInt16LittleEndian(File.ReadAllBytes(path).AsSpan(8));

    [Theory]
    [InlineData(CompressionLevel.NoCompression, 0)]
    [InlineData(CompressionLevel.Optimal, 8)]
    public void Npz_graph_samples_stored_or_deflated(CompressionLevel level, int method)
    {
        string path = Archive("graphs.npz", level,
            ("x.npy", Npy("<f4", "(2, 3, 1)", Floats(1, 2, 3, 4, 5, 6))),
            ("adj.npy", Npy("<f4", "(2, 3, 3)", Floats(Enumerable.Range(0, 18).Select(i => (float)(i % 2)).ToArray()))),
            ("y.npy", Npy("<i8", "(2,)", [.. BitConverter.GetBytes(1L), .. BitConverter.GetBytes(0L)])));
        var declared = DatasetSignature.OfInputs(
            [new("x", TensorElementType.Float32, ["N", "1"]), new("adj", TensorElementType.Float32, ["N", "N"])], TargetKind.Class, 2);

        var samples = declared.Check(NumpyData.LoadSamples(path, ["x", "adj"], target: "y"), path);

        Assert.Equal(method, FirstMethod(path));
        Assert.Equal([2L, 3L, 3L], samples["adj"].shape);
        Assert.Equal(6f, samples["x"][1, 2, 0].item<float>());
        Assert.Equal([1L, 0L], samples.Targets!.data<long>().ToArray());
    }

    [Fact]
    public void Npz_arrays_of_another_shape_than_declared_name_the_file_the_input_and_both_shapes()
    {
        string path = Archive("graphs.npz", CompressionLevel.Optimal,
            ("x.npy", Npy("<f4", "(1, 2, 1)", Floats(1, 2))),
            ("adj.npy", Npy("<f4", "(1, 3, 3)", Floats(new float[9]))));
        var declared = DatasetSignature.OfInputs(
            [new("x", TensorElementType.Float32, ["N", "1"]), new("adj", TensorElementType.Float32, ["N", "N"])], TargetKind.None, 0);

        var error = Assert.Throws<DataShapeException>(() => declared.Check(NumpyData.LoadSamples(path, ["x", "adj"]), path));

        Assert.StartsWith(path + ":", error.Message);
        Assert.Equal("'adj' float32 [N, N] per sample", error.Expected);
        Assert.Equal("'adj' as float32 [1, 3, 3], so one sample has dim 1 is 3 but N is 2", error.Actual);
    }

    [Fact]
    public void Npz_arrays_with_different_sample_counts_name_the_file()
    {
        string path = Archive("ragged.npz", CompressionLevel.Optimal,
            ("x.npy", Npy("<f4", "(2, 1)", Floats(1, 2))), ("y.npy", Npy("<i8", "(3,)", new byte[24])));

        var error = Assert.Throws<DataFormatException>(() => NumpyData.LoadSamples(path, ["x"], target: "y"));

        Assert.Equal($"{path}: The targets have 3 rows but the inputs have 2 samples.", error.Message);
    }

    [Fact]
    public void Npz_entry_problems_name_the_entry_and_missing_arrays_list_those_present()
    {
        string bad = Archive("bad.npz", CompressionLevel.Optimal, ("x.npy", Npy("<f4", "(2,)", Floats(1))));
        string good = Archive("good.npz", CompressionLevel.Optimal, ("x.npy", Npy("<f4", "(1,)", Floats(1))));

        var entry = Assert.Throws<DataFormatException>(() => NumpyData.LoadArchive(bad));
        var missing = Assert.Throws<DataFormatException>(() => NumpyData.LoadSamples(good, ["x", "adj"]));

        Assert.Contains("(entry x.npy)", entry.Message);
        Assert.Contains("the data is cut off", entry.Message);
        Assert.Equal("adj", missing.Text);
        Assert.Contains("it has x", missing.Message);
    }

    [Fact]
    public void A_damaged_archive_is_a_format_error_naming_the_file()
    {
        string path = Write("junk.npz", Encoding.ASCII.GetBytes("PK this is not a zip archive"));

        var error = Assert.Throws<DataFormatException>(() => NumpyData.LoadArchive(path));

        Assert.StartsWith(path + ":", error.Message);
        Assert.Contains("not a readable .npz (zip) archive", error.Message);
    }
}
