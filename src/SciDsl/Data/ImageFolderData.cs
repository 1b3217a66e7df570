using SkiaSharp;
using TorchSharp;

namespace SciDsl;

/// <summary>
/// Reads folders of images (PNG, JPEG and the other formats Skia decodes) into float32 <c>[N, C, H, W]</c> with values in
/// [0, 1], each image resized to the declared <c>H × W</c> (bilinear) and read as grey (C = 1, ITU-R BT.601 luma) or RGB (C = 3).
/// Labelled: one sub-folder per class, the class names sorted ordinally (<see cref="ClassLabels"/>). Every file counts:
/// one that is not a decodable image is an error naming it.
/// </summary>
public static class ImageFolderData
{
    /// <summary>Images from <c>root/&lt;class&gt;/*</c>, labelled with their folder's class index.</summary>
    /// <param name="sample">The declared sample shape, e.g. <c>new("x", TensorElementType.Float32, ["3", "32", "32"])</c>.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="DataFormatException">A file is not a decodable image, fewer than 2 class folders, an empty class folder, or a loose file beside the class folders.</exception>
    /// <exception cref="ArgumentException">The sample shape is not <c>C, H, W</c> with C = 1 or 3 and positive numeric H and W.</exception>
    public static SampleSet Load(string root, TensorSignature sample)
    {
        var (channels, height, width) = ImageShape(sample);
        string fullRoot = ExistingFolder(root);
        if (Directory.EnumerateFiles(fullRoot).FirstOrDefault(f => !IsHidden(f)) is { } loose)
            throw new DataFormatException(loose, null, null, null, "a file beside the class folders; put every image in its class's sub-folder");
        string[] classFolders = Directory.GetDirectories(fullRoot).Where(d => !IsHidden(d)).Order(StringComparer.Ordinal).ToArray();
        if (classFolders.Length < 2)
            throw new DataFormatException(fullRoot, null, null, null, $"{classFolders.Length} class sub-folder(s); a labelled image folder has one sub-folder per class, at least 2");
        var classes = new ClassLabels(classFolders.Select(Path.GetFileName)!);

        var images = new List<float[]>();
        var labels = new List<long>();
        for (int label = 0; label < classFolders.Length; label++)
        {
            string[] files = ImageFiles(classFolders[label]);
            if (files.Length == 0) throw new DataFormatException(classFolders[label], null, null, null, "the class folder has no images");
            foreach (string file in files)
            {
                images.Add(Decode(file, channels, height, width));
                labels.Add(label);
            }
        }
        return new SampleSet([(sample.Name, Stack(images, channels, height, width))], torch.tensor(labels.ToArray()), classes);
    }

    /// <summary>Every image directly in <paramref name="folder"/>, without labels (for self- and semi-supervised training).</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="DataFormatException">A file is not a decodable image, or the folder has none.</exception>
    public static SampleSet LoadUnlabelled(string folder, TensorSignature sample)
    {
        var (channels, height, width) = ImageShape(sample);
        string fullFolder = ExistingFolder(folder);
        string[] files = ImageFiles(fullFolder);
        if (files.Length == 0) throw new DataFormatException(fullFolder, null, null, null, "the folder has no images");
        return new SampleSet([(sample.Name, Stack(files.Select(f => Decode(f, channels, height, width)).ToList(), channels, height, width))]);
    }

    /// <summary>One image as <c>C × H × W</c> floats in [0, 1].</summary>
    /// <exception cref="DataFormatException">The file is not a decodable image.</exception>
    internal static float[] Decode(string file, int channels, int height, int width)
    {
        using var stream = File.OpenRead(file);
        using var codec = SKCodec.Create(stream, out var result) ?? throw new DataFormatException(file, null, null, null,
            $"not a readable image ({result}): not an image format Skia decodes, or its header is damaged; image folders hold only images such as PNG or JPEG files");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var decoded = new SKBitmap(info);
        var decodeResult = codec.GetPixels(info, decoded.GetPixels());
        if (decodeResult != SKCodecResult.Success)
            throw new DataFormatException(file, null, null, null, $"the image data is damaged or cut off ({decodeResult}); replace the file");
        using var resized = decoded.Width == width && decoded.Height == height
            ? decoded.Copy()
            : decoded.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
        ReadOnlySpan<byte> rgba = resized.GetPixelSpan();
        int plane = height * width;
        float[] values = new float[channels * plane];
        for (int pixel = 0; pixel < plane; pixel++)
        {
            byte r = rgba[4 * pixel], g = rgba[4 * pixel + 1], b = rgba[4 * pixel + 2];
            if (channels == 1)
                values[pixel] = (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
            else
                (values[pixel], values[plane + pixel], values[2 * plane + pixel]) = (r / 255f, g / 255f, b / 255f);
        }
        return values;
    }

    private static torch.Tensor Stack(List<float[]> images, int channels, int height, int width)
    {
        int size = channels * height * width;
        float[] all = new float[images.Count * size];
        for (int i = 0; i < images.Count; i++) images[i].CopyTo(all, i * size);
        return torch.tensor(all, [images.Count, channels, height, width]);
    }

    private static (int Channels, int Height, int Width) ImageShape(TensorSignature sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        int[] dims = sample.Dims.Select(d => int.TryParse(d, out int size) ? size : -1).ToArray();
        if (sample.ElementType != TensorElementType.Float32 || dims is not [1 or 3, > 0, > 0])
            throw new ArgumentException($"Images are read as float32 C,H,W with C = 1 (grey) or 3 (RGB) and numeric H and W; '{sample}' is not.", nameof(sample));
        return (dims[0], dims[1], dims[2]);
    }

    private static string[] ImageFiles(string folder) =>
        Directory.GetFiles(folder).Where(f => !IsHidden(f)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Dot-files (<c>.DS_Store</c>, editor swap files) are not data.</summary>
    private static bool IsHidden(string path) => Path.GetFileName(path).StartsWith('.');

    private static string ExistingFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string fullPath = Path.GetFullPath(folder);
        return Directory.Exists(fullPath) ? fullPath : throw new DirectoryNotFoundException($"Image folder '{fullPath}' does not exist.");
    }
}
