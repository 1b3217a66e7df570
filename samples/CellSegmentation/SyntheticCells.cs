using TorchSharp;

namespace SciDsl.Samples.CellSegmentation;

/// <summary>
/// Synthetic fluorescence-microscopy-like images, drawn from a seeded <see cref="Random"/> so every run sees the
/// same pixels: 2–6 bright elliptical cells of varied size and orientation, dimmer towards their rims, on an
/// unevenly lit background (a tilted ramp plus a slow ripple) with Gaussian noise. The mask marks the pixels
/// inside any cell.
/// </summary>
public static class SyntheticCells
{
    public const int Size = 32;

    public const double NoiseSigma = 0.1;

    /// <summary><paramref name="count"/> images <c>[count, 1, 32, 32]</c> and their 0/1 masks of the same shape.</summary>
    public static (torch.Tensor Images, torch.Tensor Masks) Generate(int count, int seed)
    {
        var random = new Random(seed);
        const int pixels = Size * Size;
        var images = new float[count * pixels];
        var masks = new float[count * pixels];
        for (int i = 0; i < count; i++)
            Draw(random, images.AsSpan(i * pixels, pixels), masks.AsSpan(i * pixels, pixels));
        long[] shape = [count, 1, Size, Size];
        return (torch.tensor(images, shape), torch.tensor(masks, shape));
    }

    /// <summary>A cell: centre, semi-axes in pixels, orientation, and brightness above the background at its centre.</summary>
    private readonly record struct Cell(double X, double Y, double Major, double Minor, double Angle, double Brightness)
    {
        /// <summary>Squared elliptical radius of a pixel: below 1 inside the cell.</summary>
        public double RadiusSquared(int x, int y)
        {
            double dx = x - X, dy = y - Y, cos = Math.Cos(Angle), sin = Math.Sin(Angle);
            double along = (dx * cos + dy * sin) / Major, across = (-dx * sin + dy * cos) / Minor;
            return along * along + across * across;
        }
    }

    private static void Draw(Random random, Span<float> image, Span<float> mask)
    {
        double level = random.NextUniform(0.1, 0.3);
        double rampX = random.NextUniform(-0.4, 0.4), rampY = random.NextUniform(-0.4, 0.4);
        double ripple = random.NextUniform(0, 0.1), rippleX = random.NextUniform(-2, 2), rippleY = random.NextUniform(-2, 2);
        double ripplePhase = random.NextUniform(0, 2 * Math.PI);

        var cells = new Cell[random.Next(2, 7)];
        for (int c = 0; c < cells.Length; c++)
        {
            double major = random.NextUniform(2.5, 6);
            cells[c] = new Cell(
                random.NextUniform(0, Size), random.NextUniform(0, Size), major, major * random.NextUniform(0.55, 1),
                random.NextUniform(0, Math.PI), random.NextUniform(0.35, 0.8));
        }

        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                double u = (double)x / Size - 0.5, v = (double)y / Size - 0.5;
                double background = level + rampX * u + rampY * v
                    + ripple * Math.Sin(2 * Math.PI * (rippleX * u + rippleY * v) + ripplePhase);
                double cell = 0;
                bool inside = false;
                foreach (var c in cells)
                {
                    double radiusSquared = c.RadiusSquared(x, y);
                    if (radiusSquared > 1) continue;
                    inside = true;
                    cell = Math.Max(cell, c.Brightness * (1 - 0.4 * radiusSquared));
                }
                image[y * Size + x] = (float)(background + cell + NoiseSigma * random.NextGaussian());
                mask[y * Size + x] = inside ? 1f : 0f;
            }
        }
    }
}
