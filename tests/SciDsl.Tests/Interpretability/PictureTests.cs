using SciDsl.Interpretability.Pictures;
using SciDsl.Tests.Training;
using SkiaSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Interpretability;

/// <summary>
/// The pictures are PNGs of the promised size, named after their titles, byte-identical when drawn twice, and drawn from
/// their data: moving the attribution (or similarity, or importance) moves the bright pixels with it.
/// </summary>
public sealed class PictureTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void File_names_come_from_the_title()
    {
        Assert.Equal(Path.Combine("out", "saliency-of-digit-3-ig.png"), PictureFile.PathFor("out", "Saliency of digit 3 (IG)"));
        Assert.Throws<ArgumentException>(() => PictureFile.PathFor("out", "—"));
    }

    [Fact]
    public void An_attribution_grid_is_a_png_of_one_panel_per_example_and_method_and_is_the_same_bytes_when_drawn_again()
    {
        using var scope = NewDisposeScope();
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var images = rand(2, 1, 8, 8, generator: new Generator(3));
        var methods = new[] { ("Saliency", rand(2, 1, 8, 8, generator: new Generator(4))), ("IG", randn(2, 1, 8, 8, generator: new Generator(5))) };

        var path = AttributionGrid.Write(first.Path, "Digits attributions", images, methods, ["label 1", "label 2"], panelSize: 200);
        var again = AttributionGrid.Write(second.Path, "Digits attributions", images, methods, ["label 1", "label 2"], panelSize: 200);

        Assert.Equal(PictureFile.PathFor(first.Path, "Digits attributions"), path);
        AssertPng(path, width: 3 * 200, height: 2 * 200 + 40);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(again));
    }

    [Fact]
    public void An_attribution_heatmap_is_brighter_where_the_attribution_is_larger()
    {
        using var scope = NewDisposeScope();
        using var directory = new TempDirectory();
        var image = zeros(1, 1, 8, 8);
        var left = zeros(1, 1, 8, 8);
        left[.., .., .., ..4] = 1;
        var right = left.flip(3);

        var leftPicture = Pixels(AttributionGrid.Write(Path.Combine(directory.Path, "left"), "Map", image, [("Saliency", left)]));
        var rightPicture = Pixels(AttributionGrid.Write(Path.Combine(directory.Path, "right"), "Map", image, [("Saliency", right)]));

        // Mirrored maps share their colour-bar range, titles and input, so they differ only inside the heatmap.
        var (leftHalf, rightHalf) = SplitDifferingPixels(leftPicture, rightPicture);
        Assert.True(leftHalf.Count > 100 && rightHalf.Count > 100, $"{leftHalf.Count} and {rightHalf.Count} pixels differ in the two halves");
        Assert.True(leftHalf.All(p => Brightness(leftPicture, p) > Brightness(rightPicture, p)), "the left half is brighter where the attribution sits on the left");
        Assert.True(rightHalf.All(p => Brightness(rightPicture, p) > Brightness(leftPicture, p)), "the right half is brighter where the attribution sits on the right");
    }

    [Fact]
    public void A_sequence_track_draws_its_bars_where_the_attribution_is_and_sums_one_hot_channels_per_position()
    {
        using var scope = NewDisposeScope();
        using var directory = new TempDirectory();
        var early = zeros(4, 100);
        early[2, 20..30] = 1;
        var late = zeros(4, 100);
        late[1, 70..80] = 1;

        Assert.Equal(Enumerable.Range(0, 100).Select(p => p is >= 20 and < 30 ? 1.0 : 0.0), AttributionTrack.PerPosition(early));
        var earlyPath = AttributionTrack.Write(Path.Combine(directory.Path, "early"), "Track", early, region: (20, 10));
        var latePath = AttributionTrack.Write(Path.Combine(directory.Path, "late"), "Track", late, region: (20, 10));
        AssertPng(earlyPath, width: 1000, height: 320);
        Assert.Equal(File.ReadAllBytes(earlyPath), File.ReadAllBytes(AttributionTrack.Write(Path.Combine(directory.Path, "again"), "Track", early, region: (20, 10))));

        var earlyPicture = Pixels(earlyPath);
        var latePicture = Pixels(latePath);
        var earlyBars = Differing(earlyPicture, latePicture).Where(p => IsBlue(earlyPicture, p)).ToList();
        var lateBars = Differing(earlyPicture, latePicture).Where(p => IsBlue(latePicture, p)).ToList();
        Assert.True(earlyBars.Count > 100 && lateBars.Count > 100, $"{earlyBars.Count} and {lateBars.Count} bar pixels");
        Assert.True(earlyBars.Average(p => p.X) < 0.5 * earlyPicture.Width && lateBars.Average(p => p.X) > 0.5 * latePicture.Width,
            $"bars centred at x = {earlyBars.Average(p => p.X)} and {lateBars.Average(p => p.X)} of {earlyPicture.Width}");
        Assert.Throws<ArgumentException>(() => AttributionTrack.Write(directory.Path, "Track", early, region: (95, 10)));
    }

    [Fact]
    public void A_similarity_heatmap_is_brighter_in_the_cell_with_the_larger_similarity()
    {
        using var directory = new TempDirectory();
        string[] layers = ["conv", "fc"];
        var topLeft = Pixels(SimilarityHeatmap.Write(Path.Combine(directory.Path, "a"), "CKA", new double[,] { { 1, 0 }, { 0, 0 } }, layers, layers, "seed 1", "seed 2"));
        var bottomRight = Pixels(SimilarityHeatmap.Write(Path.Combine(directory.Path, "b"), "CKA", new double[,] { { 0, 0 }, { 0, 1 } }, layers, layers, "seed 1", "seed 2"));
        Assert.Equal((760, 640), (topLeft.Width, topLeft.Height));

        var differing = Differing(topLeft, bottomRight).ToList();
        double midX = differing.Average(p => p.X), midY = differing.Average(p => p.Y);
        var topLeftCell = differing.Where(p => p.X < midX && p.Y < midY).ToList();
        var bottomRightCell = differing.Where(p => p.X > midX && p.Y > midY).ToList();
        Assert.True(topLeftCell.Count > 1000 && bottomRightCell.Count > 1000, $"{topLeftCell.Count} and {bottomRightCell.Count} pixels differ");
        // Cell labels ("1.00" against "0.00") differ too, so compare the cells' mean brightness rather than every pixel.
        Assert.True(topLeftCell.Average(p => Brightness(topLeft, p)) > topLeftCell.Average(p => Brightness(bottomRight, p)) + 0.3);
        Assert.True(bottomRightCell.Average(p => Brightness(bottomRight, p)) > bottomRightCell.Average(p => Brightness(topLeft, p)) + 0.3);
    }

    [Fact]
    public void A_feature_bar_chart_draws_a_longer_bar_for_a_larger_importance()
    {
        using var directory = new TempDirectory();
        string[] names = ["radius", "texture", "area"];
        var large = FeatureBarChart.Write(Path.Combine(directory.Path, "a"), "Importance", names, [0.2, 1.0, 0.8]);
        var small = FeatureBarChart.Write(Path.Combine(directory.Path, "b"), "Importance", names, [0.2, 1.0, 0.3]);
        AssertPng(large, width: 900, height: 120 + 28 * 3);
        Assert.Equal(File.ReadAllBytes(large), File.ReadAllBytes(FeatureBarChart.Write(Path.Combine(directory.Path, "c"), "Importance", names, [0.2, 1.0, 0.8])));

        int BluePixels(Picture picture) => AllPixels(picture).Count(p => IsBlue(picture, p));
        Assert.True(BluePixels(Pixels(large)) > BluePixels(Pixels(small)) + 500);
        Assert.Throws<ArgumentException>(() => FeatureBarChart.Write(directory.Path, "Importance", names, [1.0, 2.0]));
    }

    private sealed record Picture(int Width, int Height, SKColor[] Colors)
    {
        public SKColor this[(int X, int Y) p] => Colors[p.Y * Width + p.X];
    }

    private static void AssertPng(string path, int width, int height)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(PngSignature, bytes.Take(8));
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
    }

    private static Picture Pixels(string path)
    {
        using var bitmap = SKBitmap.Decode(path);
        return new Picture(bitmap.Width, bitmap.Height, bitmap.Pixels);
    }

    private static IEnumerable<(int X, int Y)> AllPixels(Picture picture) =>
        Enumerable.Range(0, picture.Height).SelectMany(y => Enumerable.Range(0, picture.Width).Select(x => (x, y)));

    private static IEnumerable<(int X, int Y)> Differing(Picture a, Picture b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        return AllPixels(a).Where(p => a[p] != b[p]);
    }

    /// <summary>The pixels where two pictures differ, split at the middle of their bounding box.</summary>
    private static (List<(int X, int Y)> Left, List<(int X, int Y)> Right) SplitDifferingPixels(Picture a, Picture b)
    {
        var differing = Differing(a, b).ToList();
        Assert.NotEmpty(differing);
        double middle = (differing.Min(p => p.X) + differing.Max(p => p.X)) / 2.0;
        return (differing.Where(p => p.X < middle - 2).ToList(), differing.Where(p => p.X > middle + 2).ToList());
    }

    private static double Brightness(Picture picture, (int X, int Y) p)
    {
        var c = picture[p];
        return (0.2126 * c.Red + 0.7152 * c.Green + 0.0722 * c.Blue) / 255;
    }

    private static bool IsBlue(Picture picture, (int X, int Y) p)
    {
        var c = picture[p];
        return c.Blue > 150 && c.Red < 120;
    }
}
