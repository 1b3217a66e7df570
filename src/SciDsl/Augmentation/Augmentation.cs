using static TorchSharp.torch;

namespace SciDsl;

/// <summary>
/// Factory for the batched augmentations, e.g.
/// <c>Augmentation.Compose(Augmentation.FlipHorizontal(), Augmentation.RandomCrop(2), Augmentation.Noise(0.05))</c>.
/// </summary>
public static class Augmentation
{
    public static AugmentationPipeline Compose(params IAugmentation[] steps) => new(steps);

    public static ImageFlip FlipHorizontal(double probability = 0.5) => new(horizontal: true, probability);

    public static ImageFlip FlipVertical(double probability = 0.5) => new(horizontal: false, probability);

    public static ImageRandomCrop RandomCrop(int padding, PaddingFill fill = PaddingFill.Zero) => new(padding, fill);

    public static ImageRotation Rotate(double degrees) => new(degrees);

    public static GaussianNoise Noise(double std) => new(std);

    public static BrightnessContrast Jitter(double brightness, double contrast) => new(brightness, contrast);

    public static SequenceShift Shift(int maxShift, SequenceLayout layout = SequenceLayout.ChannelsFirst) => new(maxShift, layout);

    public static SequenceCrop Crop(int length, SequenceLayout layout = SequenceLayout.ChannelsFirst) => new(length, layout);

    public static SequenceMasking Mask(double probability, SequenceLayout layout = SequenceLayout.ChannelsFirst) => new(probability, layout);

    public static ReverseComplement ReverseComplement(double probability = 0.5) => new(probability);

    /// <summary>A user method that draws its own randomness from the generator it is given.</summary>
    public static MethodAugmentation Method(string name, Func<Tensor, Generator, Tensor> method) => new(name, method);

    /// <summary>A user method without randomness of its own (or with its own seeding).</summary>
    public static MethodAugmentation Method(string name, Func<Tensor, Tensor> method) => new(name, (batch, _) => method(batch));

    /// <summary>
    /// The pipeline an <see cref="AugmentAttribute"/> declares, in the order its documentation gives; settings left at 0 are
    /// skipped. <paramref name="method"/> is the attribute's <see cref="AugmentAttribute.Method"/>, resolved by the caller.
    /// </summary>
    public static AugmentationPipeline From(AugmentAttribute settings, Func<Tensor, Generator, Tensor>? method = null)
    {
        if (settings.Method is not null && method is null)
            throw new ArgumentException($"[Augment] names the method '{settings.Method}', but no method was given for it.", nameof(method));
        var steps = new List<IAugmentation>();
        if (settings.FlipHorizontal > 0) steps.Add(FlipHorizontal(settings.FlipHorizontal));
        if (settings.FlipVertical > 0) steps.Add(FlipVertical(settings.FlipVertical));
        if (settings.CropPadding > 0) steps.Add(RandomCrop(settings.CropPadding, settings.CropFill));
        if (settings.RotationDegrees > 0) steps.Add(Rotate(settings.RotationDegrees));
        if (settings.Brightness > 0 || settings.Contrast > 0) steps.Add(Jitter(settings.Brightness, settings.Contrast));
        if (settings.Shift > 0) steps.Add(Shift(settings.Shift, settings.Layout));
        if (settings.MaskPositions > 0) steps.Add(Mask(settings.MaskPositions, settings.Layout));
        if (settings.ReverseComplement > 0) steps.Add(ReverseComplement(settings.ReverseComplement));
        if (method is not null) steps.Add(Method(settings.Method ?? "Method", method));
        if (settings.Noise > 0) steps.Add(Noise(settings.Noise));
        return new AugmentationPipeline(steps);
    }
}
