using SciDsl.Tests.Training;
using SkiaSharp;

namespace SciDsl.Tests.Data;

/// <summary>Image folders written here with SkiaSharp (PNG and JPEG), read back through its native library on this Linux.</summary>
public sealed class ImageFolderDataTests : IDisposable
{
    private static readonly TensorSignature Rgb2x2 = new("x", TensorElementType.Float32, ["3", "2", "2"]);
    private static readonly TensorSignature Grey2x2 = new("x", TensorElementType.Float32, ["1", "2", "2"]);

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>A 4×4 image whose left half has one colour and right half another.</summary>
    private string Image(string relativePath, SKColor left, SKColor right, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        string path = temp.File(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(4, 4);
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 4; x++)
                bitmap.SetPixel(x, y, x < 2 ? left : right);
        using var data = bitmap.Encode(format, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    [Fact]
    public void Class_sub_folders_give_sorted_class_names_and_rgb_values_in_0_1_resized_to_the_declaration()
    {
        Image("cats/a.png", new SKColor(255, 0, 0), new SKColor(255, 0, 0));
        Image("dogs/b.png", new SKColor(0, 0, 0), new SKColor(255, 255, 255));
        Image("cats/c.png", new SKColor(0, 51, 255), new SKColor(0, 51, 255));

        var data = ImageFolderData.Load(temp.Path, Rgb2x2);

        Assert.Equal(["cats", "dogs"], data.Classes!.Names);
        Assert.Equal([0L, 0L, 1L], data.Targets!.data<long>().ToArray());
        Assert.Equal([3L, 3L, 2L, 2L], data["x"].shape);
        Assert.Equal([1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f], data["x"][0].data<float>().ToArray());
        Assert.Equal([0f, 0f, 0f, 0f, 0.2f, 0.2f, 0.2f, 0.2f, 1f, 1f, 1f, 1f], data["x"][1].data<float>().ToArray());
        // Halved: each output pixel comes from one half, so black stays 0 and white 1.
        Assert.Equal([0f, 1f, 0f, 1f], data["x"][2, 0].flatten().data<float>().ToArray());
    }

    [Fact]
    public void One_channel_is_the_luma_of_the_colours()
    {
        Image("a/one.png", new SKColor(200, 100, 50), new SKColor(200, 100, 50));
        Image("b/two.png", new SKColor(10, 20, 30), new SKColor(10, 20, 30));

        var data = ImageFolderData.Load(temp.Path, Grey2x2);

        Assert.Equal([2L, 1L, 2L, 2L], data["x"].shape);
        Assert.Equal((0.299 * 200 + 0.587 * 100 + 0.114 * 50) / 255, data["x"][0, 0, 0, 0].item<float>(), 1e-5);
    }

    [Fact]
    public void Jpeg_decodes_close_to_what_was_written()
    {
        Image("a/one.jpg", new SKColor(128, 128, 128), new SKColor(128, 128, 128), SKEncodedImageFormat.Jpeg);
        Image("b/two.jpeg", new SKColor(0, 0, 0), new SKColor(0, 0, 0), SKEncodedImageFormat.Jpeg);

        var data = ImageFolderData.Load(temp.Path, Grey2x2);

        Assert.All(data["x"][0].data<float>().ToArray(), value => Assert.Equal(128 / 255f, value, 2 / 255f));
        Assert.All(data["x"][1].data<float>().ToArray(), value => Assert.Equal(0f, value, 2 / 255f));
    }

    [Fact]
    public void A_file_that_is_not_an_image_is_an_error_naming_it()
    {
        Image("a/one.png", SKColors.Red, SKColors.Red);
        string notes = temp.File("b/notes.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(notes)!);
        File.WriteAllText(notes, "not an image");

        var error = Assert.Throws<DataFormatException>(() => ImageFolderData.Load(temp.Path, Rgb2x2));

        Assert.Equal(notes, error.FilePath);
        Assert.Contains("not a readable image", error.Message);
    }

    [Fact]
    public void A_cut_off_png_is_an_error_naming_it()
    {
        Image("a/one.png", SKColors.Red, SKColors.Red);
        string broken = temp.File("b/two.png");
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        using (var noise = new SKBitmap(64, 64))
        {
            var random = new Random(1);
            for (int y = 0; y < 64; y++)
                for (int x = 0; x < 64; x++)
                    noise.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            using var encoded = noise.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(broken, encoded.ToArray());
        }
        byte[] whole = File.ReadAllBytes(broken);
        File.WriteAllBytes(broken, whole[..(whole.Length / 2)]);

        var error = Assert.Throws<DataFormatException>(() => ImageFolderData.Load(temp.Path, Rgb2x2));

        Assert.Equal(broken, error.FilePath);
        Assert.Contains("damaged or cut off", error.Message);
    }

    [Fact]
    public void Folder_layout_errors_name_the_folder_or_file()
    {
        Image("only/one.png", SKColors.Red, SKColors.Red);
        var oneClass = Assert.Throws<DataFormatException>(() => ImageFolderData.Load(temp.Path, Rgb2x2));
        string loose = Image("loose.png", SKColors.Red, SKColors.Red);
        var looseFile = Assert.Throws<DataFormatException>(() => ImageFolderData.Load(temp.Path, Rgb2x2));
        var missing = Assert.Throws<DirectoryNotFoundException>(() => ImageFolderData.Load(temp.File("absent"), Rgb2x2));

        Assert.Contains("1 class sub-folder(s)", oneClass.Message);
        Assert.Equal(loose, looseFile.FilePath);
        Assert.Contains(temp.File("absent"), missing.Message);
    }

    [Fact]
    public void A_declaration_that_is_not_grey_or_rgb_images_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ImageFolderData.Load(temp.Path, new TensorSignature("x", TensorElementType.Float32, ["2", "8", "8"])));

        Assert.Contains("C = 1 (grey) or 3 (RGB)", error.Message);
    }

    [Fact]
    public void Unlabelled_images_come_from_one_folder_without_targets()
    {
        Image("pool/a.png", SKColors.White, SKColors.White);
        Image("pool/b.png", SKColors.Black, SKColors.Black);

        var data = ImageFolderData.LoadUnlabelled(temp.File("pool"), Grey2x2);

        Assert.False(data.IsLabelled);
        Assert.Equal([1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f], data["x"].data<float>().ToArray());
    }
}
