using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>
/// Rotates each image of a <c>[B,C,H,W]</c> batch about its centre by an angle drawn uniformly from
/// [<see cref="MinDegrees"/>, <see cref="MaxDegrees"/>], with bilinear interpolation; corners that come from outside the
/// image are zero. A positive angle turns the picture counter-clockwise as displayed (row 0 at the top), like <c>torch.rot90</c>.
/// </summary>
public sealed class ImageRotation : IAugmentation
{
    public ImageRotation(double minDegrees, double maxDegrees)
    {
        if (!(minDegrees <= maxDegrees) || double.IsInfinity(minDegrees) || double.IsInfinity(maxDegrees))
            throw new ArgumentException($"{Name}: needs finite degrees with min <= max, got [{minDegrees}, {maxDegrees}].", nameof(minDegrees));
        MinDegrees = minDegrees;
        MaxDegrees = maxDegrees;
    }

    /// <summary>Angles in [-<paramref name="degrees"/>, <paramref name="degrees"/>].</summary>
    public ImageRotation(double degrees) : this(-Math.Abs(degrees), Math.Abs(degrees)) { }

    public string Name => "Rotate";

    public double MinDegrees { get; }

    public double MaxDegrees { get; }

    public Tensor Apply(Tensor batch, torch.Generator generator)
    {
        AugmentationGuard.Rank(Name, batch, 4, "of images [B,C,H,W]");
        AugmentationGuard.FloatingPoint(Name, batch);
        long count = batch.shape[0];
        using var degrees = AugmentationRandom.Uniform(generator, count, MinDegrees, MaxDegrees, batch.device);
        // Sampling in double precision keeps the grid's rounding (about 1e-7 of a pixel in float32) out of the pixels,
        // so an angle of 0 gives back the image and a quarter turn the exact rot90.
        using var radians = (degrees * (Math.PI / 180)).to(ScalarType.Float64);
        using var cos = radians.cos();
        using var sin = radians.sin();
        using var zero = torch.zeros_like(cos);
        // theta maps output coordinates (x right, y down, in [-1, 1]) to where they are sampled in the input;
        // sampling at the output point turned clockwise turns the picture counter-clockwise on screen.
        using var theta = torch.stack([cos, -sin, zero, sin, cos, zero], 1).view(count, 2, 3);
        using var grid = torch.nn.functional.affine_grid(theta, batch.shape, align_corners: false);
        using var precise = batch.to(ScalarType.Float64);
        using var rotated = torch.nn.functional.grid_sample(precise, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false);
        return rotated.to(batch.dtype);
    }
}
