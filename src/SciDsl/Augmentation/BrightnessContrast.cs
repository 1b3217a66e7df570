using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>
/// Jitters each image of a <c>[B,C,H,W]</c> batch: its values are multiplied by a brightness factor drawn from
/// [1-<see cref="Brightness"/>, 1+<see cref="Brightness"/>], then spread about the image's mean by a contrast factor drawn
/// from [1-<see cref="Contrast"/>, 1+<see cref="Contrast"/>]. Values are not clamped, since inputs are often normalised.
/// </summary>
public sealed class BrightnessContrast : IAugmentation
{
    public BrightnessContrast(double brightness, double contrast)
    {
        AugmentationGuard.NonNegative(Name, nameof(brightness), brightness);
        AugmentationGuard.NonNegative(Name, nameof(contrast), contrast);
        Brightness = brightness;
        Contrast = contrast;
    }

    public string Name => "BrightnessContrast";

    public double Brightness { get; }

    public double Contrast { get; }

    public Tensor Apply(Tensor batch, torch.Generator generator)
    {
        AugmentationGuard.Rank(Name, batch, 4, "of images [B,C,H,W]");
        AugmentationGuard.FloatingPoint(Name, batch);
        long count = batch.shape[0];
        using var brightness = AugmentationRandom.Uniform(generator, count, 1 - Brightness, 1 + Brightness, batch.device).to(batch.dtype).view(count, 1, 1, 1);
        using var contrast = AugmentationRandom.Uniform(generator, count, 1 - Contrast, 1 + Contrast, batch.device).to(batch.dtype).view(count, 1, 1, 1);
        using var brightened = batch * brightness;
        using var mean = brightened.mean([1, 2, 3], keepdim: true);
        return (brightened - mean) * contrast + mean;
    }
}
