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
}
