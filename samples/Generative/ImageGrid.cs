using SkiaSharp;
using TorchSharp;

namespace SciDsl.Samples.Generative;

/// <summary>Writes grey images <c>[N, 1, H, W]</c> with values in [0, 1] as one PNG grid, each pixel enlarged to a square.</summary>
internal static class ImageGrid
{
    public static void Save(torch.Tensor images, int columns, string path, int scale = 6, int gap = 2)
    {
        using var pixels = images.detach().clamp(0, 1).contiguous();
        int count = (int)pixels.shape[0], height = (int)pixels.shape[2], width = (int)pixels.shape[3];
        int rows = (count + columns - 1) / columns;
        float[] values = pixels.data<float>().ToArray();
        using var bitmap = new SKBitmap(columns * (width * scale + gap) + gap, rows * (height * scale + gap) + gap);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(128, 128, 160));
            using var paint = new SKPaint();
            for (int image = 0; image < count; image++)
            {
                int left = gap + image % columns * (width * scale + gap), top = gap + image / columns * (height * scale + gap);
                for (int y = 0; y < height; y++)
                    for (int x = 0; x < width; x++)
                    {
                        // Ink is dark on white, as the digits were written.
                        byte grey = (byte)Math.Round(255 * (1 - values[(image * height + y) * width + x]));
                        paint.Color = new SKColor(grey, grey, grey);
                        canvas.DrawRect(left + x * scale, top + y * scale, scale, scale, paint);
                    }
            }
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
