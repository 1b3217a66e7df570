using SciDsl.Interpretability.Pictures;
using SciDsl.Tests.Training;
using SkiaSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace SciDsl.Tests.Interpretability;

/// <summary>
/// What an attribution grid shows besides the heatmap: the input under the overlay, each panel's colour bar with its
/// own scale, and the title in the header.
/// </summary>
public sealed class PictureAnnotationTests(ITestOutputHelper output)
{
    private const int Panel = 200;

    [Fact]
    public void The_heatmap_is_overlaid_on_the_input_so_another_input_shows_through_the_same_attributions()
    {
        using var scope = NewDisposeScope();
        using var directory = new TempDirectory();
        var leftBright = zeros(1, 1, 8, 8);
        leftBright[.., .., .., ..4] = 1;
        var attributions = rand(1, 1, 8, 8, generator: new Generator(40));

        var left = Pixels(AttributionGrid.Write(Path.Combine(directory.Path, "a"), "Overlay", leftBright, [("Saliency", attributions)], panelSize: Panel));
        var right = Pixels(AttributionGrid.Write(Path.Combine(directory.Path, "b"), "Overlay", leftBright.flip(3), [("Saliency", attributions)], panelSize: Panel));

        int inMethodPanel = Differing(left, right).Count(p => p.X >= Panel);
        Assert.True(inMethodPanel > 500, $"{inMethodPanel} pixels of the method's panel change with the input under it");
    }

    [Fact]
    public void Each_method_panel_has_a_colour_bar_showing_its_own_scale()
    {
        using var scope = NewDisposeScope();
        using var directory = new TempDirectory();
        var image = rand(1, 1, 8, 8, generator: new Generator(41));
        var attributions = rand(1, 1, 8, 8, generator: new Generator(42));

        var unit = Pixels(AttributionGrid.Write(Path.Combine(directory.Path, "a"), "Scale", image, [("IG", attributions)], panelSize: Panel));
        var large = Pixels(AttributionGrid.Write(Path.Combine(directory.Path, "b"), "Scale", image, [("IG", 1000 * attributions)], panelSize: Panel));

        // Scaled per panel, the heatmap's colours are the same; only the colour bar says 0.5 or 500 (its wider labels
        // also narrow the heatmap beside it). The input's panel does not change.
        var differing = Differing(unit, large).ToList();
        output.WriteLine($"{differing.Count} pixels differ, x from {differing.Min(p => p.X)} to {differing.Max(p => p.X)}");
        Assert.True(differing.Count > 20, $"{differing.Count} pixels differ");
        Assert.All(differing, p => Assert.InRange(p.X, Panel, 2 * Panel - 1));
        Assert.Contains(differing, p => p.X >= 2 * Panel - Panel / 8);
    }

    [Fact]
    public void The_title_is_drawn_in_the_header_and_nowhere_else()
    {
        using var scope = NewDisposeScope();
        using var directory = new TempDirectory();
        var image = rand(1, 1, 8, 8, generator: new Generator(43));
        var attributions = rand(1, 1, 8, 8, generator: new Generator(44));

        var alpha = Pixels(AttributionGrid.Write(directory.Path, "Alpha maps", image, [("IG", attributions)], panelSize: Panel));
        var omega = Pixels(AttributionGrid.Write(directory.Path, "Omega maps", image, [("IG", attributions)], panelSize: Panel));

        var differing = Differing(alpha, omega).ToList();
        Assert.True(differing.Count > 30, $"{differing.Count} pixels differ");
        Assert.All(differing, p => Assert.InRange(p.Y, 0, 39));
    }

    private sealed record Picture(int Width, int Height, SKColor[] Colors);

    private static Picture Pixels(string path)
    {
        using var bitmap = SKBitmap.Decode(path);
        return new Picture(bitmap.Width, bitmap.Height, bitmap.Pixels);
    }

    private static IEnumerable<(int X, int Y)> Differing(Picture a, Picture b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        return Enumerable.Range(0, a.Height).SelectMany(y => Enumerable.Range(0, a.Width).Select(x => (X: x, Y: y)))
            .Where(p => a.Colors[p.Y * a.Width + p.X] != b.Colors[p.Y * b.Width + p.X]);
    }
}
