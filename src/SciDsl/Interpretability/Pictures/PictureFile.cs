using System.Text;
using ScottPlot;

namespace SciDsl.Interpretability.Pictures;

/// <summary>
/// Where pictures go and how they are saved: the file name comes from the title (lower case, words joined by '-',
/// ".png"), so the same call always writes the same file; text uses one registered font so pictures look the same
/// wherever that font is found.
/// </summary>
public static class PictureFile
{
    // The Linux Skia build SciDsl ships has no fontconfig, so family names resolve to nothing and text would be blank;
    // a font registered from its file always draws. DejaVu Sans is on Debian and Ubuntu; the others cover macOS and Windows.
    private static readonly string[] FontCandidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/Library/Fonts/Arial.ttf",
        "/System/Library/Fonts/Supplemental/Arial.ttf",
        @"C:\Windows\Fonts\arial.ttf",
    ];

    private const string FontName = "SciDsl Sans";

    private static readonly Lazy<string?> RegisteredFont = new(() =>
    {
        var file = FontCandidates.FirstOrDefault(File.Exists);
        if (file is null)
            return null;
        Fonts.AddFontFile(FontName, file);
        Fonts.Default = FontName;
        return file;
    });

    /// <summary>The font file pictures draw their text with, or null when none of the usual ones is installed (text is then left out).</summary>
    public static string? Font => RegisteredFont.Value;

    /// <summary>The file a picture titled <paramref name="title"/> is written to in <paramref name="directory"/>.</summary>
    /// <example><c>PathFor("out", "Saliency of digit 3")</c> is <c>out/saliency-of-digit-3.png</c>.</example>
    public static string PathFor(string directory, string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        var name = new StringBuilder();
        foreach (char c in title.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
                name.Append(c);
            else if (name.Length > 0 && name[^1] != '-')
                name.Append('-');
        }
        var stem = name.ToString().Trim('-');
        if (stem.Length == 0)
            throw new ArgumentException($"Picture title \"{title}\" has no letters or digits to name its file after.", nameof(title));
        return Path.Combine(directory, stem + ".png");
    }

    /// <summary>Applies the registered font to every text element of <paramref name="plot"/>.</summary>
    internal static void UseFont(Plot plot)
    {
        if (Font is not null)
            plot.Font.Set(FontName);
    }

    /// <summary>Writes <paramref name="plot"/> as a <paramref name="width"/> × <paramref name="height"/> PNG named after <paramref name="title"/>.</summary>
    internal static string Save(Plot plot, string directory, string title, int width, int height)
    {
        var path = PathFor(directory, title);
        Directory.CreateDirectory(directory);
        plot.SavePng(path, width, height);
        return path;
    }

    /// <summary>Draws <paramref name="title"/> centred in the top <paramref name="height"/> pixels of a picture composed by hand.</summary>
    internal static void DrawTitle(SkiaSharp.SKCanvas canvas, string title, int width, int height)
    {
        // ScottPlot caches the typeface; it is not ours to dispose.
        var typeface = Font is null ? null : Fonts.GetTypeface(FontName, bold: false, italic: false);
        using var font = new SkiaSharp.SKFont(typeface ?? SkiaSharp.SKTypeface.Default, 18);
        using var paint = new SkiaSharp.SKPaint { Color = SkiaSharp.SKColors.Black, IsAntialias = true };
        canvas.DrawText(title, width / 2f, height * 0.7f, SkiaSharp.SKTextAlign.Center, font, paint);
    }

    /// <summary>Encodes what <paramref name="surface"/> holds as PNG at <paramref name="path"/>.</summary>
    internal static void WritePng(SkiaSharp.SKSurface surface, string path)
    {
        using var image = surface.Snapshot();
        using var png = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        png.SaveTo(file);
    }
}
