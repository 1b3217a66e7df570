namespace SciDsl;

/// <summary>
/// Augments the training inputs of an experiment, each batch afresh, with the augmentations set here applied in the
/// order flips, crop, rotation, jitter, sequence shift/masking/reverse complement, user method, noise
/// (see <see cref="Augmentation"/> for each one's meaning). The user method is named with <c>nameof</c>:
/// <code>
/// [Augment(FlipHorizontal = 0.5, CropPadding = 2, Noise = 0.05, Method = nameof(Smear))]
/// public partial class DigitsExperiment
/// {
///     static Tensor Smear(Tensor batch, torch.Generator generator) => ...;   // or Tensor Smear(Tensor batch)
/// }
/// </code>
/// The method is a static member of the experiment class taking the batch (and optionally the generator to draw from)
/// and returning a batch of the same size.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AugmentAttribute : Attribute
{
    /// <summary>Probability of mirroring an image left-right (0 = off).</summary>
    public double FlipHorizontal { get; set; }

    /// <summary>Probability of mirroring an image upside down (0 = off).</summary>
    public double FlipVertical { get; set; }

    /// <summary>Pixels of padding for a random crop that keeps the image size (0 = off).</summary>
    public int CropPadding { get; set; }

    /// <summary>How the crop's padding is filled.</summary>
    public PaddingFill CropFill { get; set; } = PaddingFill.Zero;

    /// <summary>Largest rotation in degrees, either way (0 = off).</summary>
    public double RotationDegrees { get; set; }

    /// <summary>Brightness jitter: factors drawn from [1-b, 1+b] (0 = off).</summary>
    public double Brightness { get; set; }

    /// <summary>Contrast jitter: factors drawn from [1-c, 1+c] (0 = off).</summary>
    public double Contrast { get; set; }

    /// <summary>Largest shift in positions of a sequence, either way (0 = off).</summary>
    public int Shift { get; set; }

    /// <summary>Probability of zeroing each position of a sequence (0 = off).</summary>
    public double MaskPositions { get; set; }

    /// <summary>Where a sequence's positions lie, for <see cref="Shift"/> and <see cref="MaskPositions"/>.</summary>
    public SequenceLayout Layout { get; set; } = SequenceLayout.ChannelsFirst;

    /// <summary>Probability of replacing a one-hot DNA sequence <c>[B,4,L]</c> (A,C,G,T) by its reverse complement (0 = off).</summary>
    public double ReverseComplement { get; set; }

    /// <summary>Standard deviation of Gaussian noise added to every input element (0 = off).</summary>
    public double Noise { get; set; }

    /// <summary>Name of a static method of the experiment class applied to each batch; use <c>nameof</c>.</summary>
    public string? Method { get; set; }
}

/// <summary>Which way <see cref="MixupAttribute"/> mixes samples.</summary>
public enum MixKind
{
    /// <summary>Whole inputs blended: λ·x + (1-λ)·x' (<see cref="SciDsl.Mixup"/>).</summary>
    Mixup,
    /// <summary>A box of the partner image pasted in (<see cref="SciDsl.CutMix"/>); images only.</summary>
    CutMix,
}

/// <summary>Trains on mixed pairs of samples with mixed soft targets; λ ~ Beta(<see cref="Alpha"/>, <see cref="Alpha"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class MixupAttribute(MixKind kind = MixKind.Mixup) : Attribute
{
    public MixKind Kind { get; } = kind;

    /// <summary>Beta concentration; small values keep most mixes close to one sample.</summary>
    public double Alpha { get; set; } = 0.2;
}
