using SciDsl.Samples.Digits;
using System.IO.Compression;
using SciDsl.Tests.Training;
using TorchSharp;

namespace SciDsl.Tests.Data;

public sealed class CsvDataTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Iris_loads_as_float_features_and_int64_classes()
    {
        var data = CsvData.Load(IrisData.FilePath, new CsvOptions { SkipLines = 1 });

        Assert.Equal([150L, 4L], data.Features.shape);
        Assert.Equal(torch.ScalarType.Float32, data.Features.dtype);
        Assert.Equal(torch.ScalarType.Int64, data.Targets.dtype);
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], data.Features[0].data<float>().ToArray());
        Assert.Equal([0L, 1L, 2L], data.Targets.unique().Item1.data<long>().ToArray());
    }

    [Fact]
    public void Gzip_whitespace_file_is_detected_by_magic_bytes_whatever_its_extension()
    {
        string path = temp.File("diabetes.dat");
        using (var gzip = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest)))
            gzip.Write("59 2 32.1\t101.0\n48  1 21.6 87.0 \n\n");

        var matrix = CsvData.LoadMatrix(path, CsvOptions.WhitespaceSeparated);

        Assert.Equal([2L, 4L], matrix.shape);
        Assert.Equal([59f, 2f, 32.1f, 101f, 48f, 1f, 21.6f, 87f], matrix.data<float>().ToArray());
    }

    [Fact]
    public void Label_column_can_be_first_and_values_become_float_n_by_1()
    {
        string path = Write("first.csv", "1.5,10,20\n-2,30,40\n");

        var data = CsvData.Load(path, new CsvOptions { LabelColumn = 0, Labels = TargetKind.Value });

        Assert.Equal([10f, 20f, 30f, 40f], data.Features.data<float>().ToArray());
        Assert.Equal([2L, 1L], data.Targets.shape);
        Assert.Equal([1.5f, -2f], data.Targets.data<float>().ToArray());
    }

    [Fact]
    public void Missing_file_throws_file_not_found_naming_the_path()
    {
        string path = temp.File("absent.csv");

        var error = Assert.Throws<FileNotFoundException>(() => CsvData.Load(path));

        Assert.Equal(path, error.FileName);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Malformed_number_names_file_line_and_column_and_quotes_the_text()
    {
        string path = Write("bad.csv", "header\n1,2,0\n3,abc,1\n");

        var error = Assert.Throws<DataFormatException>(() => CsvData.Load(path, new CsvOptions { SkipLines = 1 }));

        Assert.Equal((3, 2, "abc"), (error.Line, error.Column, error.Text));
        Assert.Equal($"{path}, line 3, column 2: not a number: 'abc'.", error.Message);
    }

    [Fact]
    public void Wrong_column_count_names_the_line_and_the_expected_count()
    {
        string path = Write("ragged.csv", "1,2,0\n3,4,1\n5,1\n");

        var error = Assert.Throws<DataFormatException>(() => CsvData.Load(path));

        Assert.Equal(3, error.Line);
        Assert.Equal(path, error.FilePath);
        Assert.Contains("2 columns instead of 3 (as on line 1)", error.Message);
    }

    [Fact]
    public void Fractional_class_label_is_rejected_with_its_line()
    {
        string path = Write("labels.csv", "1,0\n2,0.5\n");

        var error = Assert.Throws<DataFormatException>(() => CsvData.Load(path));

        Assert.Equal((2, 2), (error.Line, error.Column));
        Assert.Contains("whole number", error.Message);
    }

    [Fact]
    public void Empty_file_is_a_clear_error()
    {
        string path = Write("empty.csv", "");

        var error = Assert.Throws<DataFormatException>(() => CsvData.Load(path));

        Assert.Equal($"{path}: the file is empty.", error.Message);
    }

    [Fact]
    public void Header_only_file_says_nothing_follows_the_skipped_lines()
    {
        string path = Write("header.csv", "a,b,c\n");

        var error = Assert.Throws<DataFormatException>(() => CsvData.Load(path, new CsvOptions { SkipLines = 1 }));

        Assert.Contains("no data after skipping 1 lines", error.Message);
    }

    [Fact]
    public void Thousands_of_rows_load_with_every_value_in_place()
    {
        var text = new System.Text.StringBuilder();
        for (int row = 0; row < 5000; row++)
            text.AppendLine(string.Join(',', Enumerable.Range(0, 64).Select(c => (row + c) % 17)) + $",{row % 10}");
        string path = Write("large.csv", text.ToString());

        var data = CsvData.Load(path);

        Assert.Equal([5000L, 64L], data.Features.shape);
        Assert.Equal((4999 + 63) % 17, data.Features[4999, 63].item<float>());
        Assert.Equal(9L, data.Targets[4999].item<long>());
    }

    [Fact]
    public void Corrupt_gzip_data_names_the_file_and_the_line_it_stopped_at()
    {
        byte[] digits = File.ReadAllBytes(DigitImages.DefaultPath);
        byte[] corrupt = (byte[])digits.Clone();
        for (int i = 2000; i < 2400; i++) corrupt[i] ^= 0x5A; // damage the deflate stream, keep the header
        string path = temp.File("corrupt.csv.gz");
        File.WriteAllBytes(path, corrupt);

        var error = Assert.Throws<DataFormatException>(() => CsvData.Load(path));

        Assert.Equal(path, error.FilePath);
        Assert.True(error.Line > 1, $"line {error.Line}");
        Assert.Contains("corrupt", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Digits_cut_at_10000_bytes_fail_naming_the_file_instead_of_loading_the_first_rows()
    {
        string path = temp.File("digits.csv.gz");
        File.WriteAllBytes(path, File.ReadAllBytes(DigitImages.DefaultPath)[..10_000]);

        var error = Assert.Throws<DataFormatException>(() => CsvData.Load(path));

        // zlib decompresses these 10,000 bytes to 314 whole lines and the start of line 315.
        Assert.Equal((path, 315), (error.FilePath, error.Line));
        Assert.StartsWith($"{path}, line 315: the compressed data ends early or is damaged: the gzip trailer records a different CRC-32 and length than the ", error.Message);
    }

    [Fact]
    public void A_value_cut_off_by_a_truncated_gzip_file_is_not_kept()
    {
        // Stored (uncompressed) deflate blocks let the cut fall exactly inside "1.2e+02".
        byte[] whole = Gzip("1,1.5e+01\n2,1.2e+02\n", CompressionLevel.NoCompression);
        int cut = Array.LastIndexOf(whole, (byte)'e');
        string path = temp.File("cut.csv.gz");
        File.WriteAllBytes(path, whole[..cut]);

        var error = Assert.Throws<DataFormatException>(() => CsvData.Load(path, new CsvOptions { LabelColumn = 0, Labels = TargetKind.Value }));

        Assert.Equal((path, 2), (error.FilePath, error.Line));
    }

    [Theory]
    [InlineData(-8, "CRC-32")]
    [InlineData(-4, "length")]
    public void A_damaged_gzip_trailer_is_an_error(int offsetFromEnd, string field)
    {
        byte[] bytes = Gzip("1,2,0\n3,4,1\n", CompressionLevel.Optimal);
        bytes[^-offsetFromEnd] ^= 0x01;
        string path = temp.File("trailer.csv.gz");
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<DataFormatException>(() => CsvData.Load(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void Concatenated_gzip_members_load_as_one_file_each_checked()
    {
        byte[] first = Gzip("1,2,0\n", CompressionLevel.Optimal), second = Gzip("3,4,1\n", CompressionLevel.Fastest);
        string whole = temp.File("members.csv.gz"), cut = temp.File("cut-members.csv.gz");
        File.WriteAllBytes(whole, [.. first, .. second, .. first]);
        File.WriteAllBytes(cut, [.. first, .. second[..^3]]);

        var data = CsvData.Load(whole);

        Assert.Equal([1f, 2f, 3f, 4f, 1f, 2f], data.Features.data<float>().ToArray());
        Assert.Equal([0L, 1L, 0L], data.Targets.data<long>().ToArray());
        Assert.Contains("ends early", Assert.Throws<DataFormatException>(() => CsvData.Load(cut)).Message);
    }

    [Fact]
    public void Optional_gzip_header_fields_are_skipped()
    {
        byte[] plain = Gzip("1,2,0\n3,4,1\n", CompressionLevel.Optimal);
        byte[] fields = [4, 0, (byte)'S', (byte)'D', 1, 2, .. "digits.csv\0"u8, .. "made by hand\0"u8, 0xAB, 0xCD];
        byte[] header = [0x1f, 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, .. plain[4..10]]; // FHCRC, FEXTRA, FNAME, FCOMMENT
        string path = temp.File("named.csv.gz");
        File.WriteAllBytes(path, [.. header, .. fields, .. plain[10..]]);

        var data = CsvData.Load(path);

        Assert.Equal([1f, 2f, 3f, 4f], data.Features.data<float>().ToArray());
    }

    [Theory]
    [InlineData("NaN", "NaN")]
    [InlineData("Infinity", "infinite")]
    [InlineData("-Infinity", "infinite")]
    [InlineData("1e39", "float32")]
    [InlineData("-1e39", "float32")]
    [InlineData("1e400", "float32")]
    public void Non_finite_and_float32_overflowing_cells_are_rejected_at_their_line_and_column(string cell, string problem)
    {
        string path = Write("nonfinite.csv", $"1,2,0\n3,{cell},1\n");

        var error = Assert.Throws<DataFormatException>(() => CsvData.Load(path));

        Assert.Equal((path, 2, 2, cell), (error.FilePath, error.Line, error.Column, error.Text));
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Rejected_missing_values_say_how_to_allow_them()
    {
        string path = Write("missing.csv", "1,,0\n");

        var error = Assert.Throws<DataFormatException>(() => CsvData.Load(path));

        Assert.Equal((1, 2), (error.Line, error.Column));
        Assert.Contains("AllowMissingValues", error.Message);
    }

    [Fact]
    public void Allowed_missing_values_become_NaN_while_infinities_stay_errors()
    {
        string path = Write("missing.csv", "1,NaN,0\n,4,1\n");
        string infinite = Write("infinite.csv", "1,Infinity,0\n");
        var options = new CsvOptions { AllowMissingValues = true };

        var data = CsvData.Load(path, options);

        float[] features = data.Features.data<float>().ToArray();
        Assert.Equal(1f, features[0]);
        Assert.True(float.IsNaN(features[1]) && float.IsNaN(features[2]), string.Join(",", features));
        Assert.Equal(4f, features[3]);
        Assert.Contains("infinite", Assert.Throws<DataFormatException>(() => CsvData.Load(infinite, options)).Message);
    }

    [Fact]
    public void A_missing_class_label_is_rejected_even_when_missing_values_are_allowed()
    {
        string path = Write("label.csv", "1,2,NaN\n");

        var error = Assert.Throws<DataFormatException>(() => CsvData.Load(path, new CsvOptions { AllowMissingValues = true }));

        Assert.Equal((1, 3), (error.Line, error.Column));
        Assert.Contains("class label", error.Message);
    }

    [Fact]
    public void A_directory_given_as_the_data_path_is_named_as_a_directory()
    {
        var error = Assert.Throws<DataFormatException>(() => CsvData.Load(temp.Path));

        Assert.Equal($"{temp.Path}: is a directory, expected a data file.", error.Message);
    }

    private static byte[] Gzip(string text, CompressionLevel level)
    {
        using var bytes = new MemoryStream();
        using (var gzip = new GZipStream(bytes, level))
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        return bytes.ToArray();
    }

    private string Write(string name, string text)
    {
        string path = temp.File(name);
        File.WriteAllText(path, text);
        return path;
    }
}
