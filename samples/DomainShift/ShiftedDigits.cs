using SciDsl.Samples.Digits;
using TorchSharp;

namespace SciDsl.Samples.DomainShift;

/// <summary>The source instrument: the even rows of the bundled 8×8 digits (899 images), as recorded.</summary>
[Dataset("x: 1,8,8", Target = "class: 10")]
public partial class SourceDigits : IDataSource
{
    public LabelledData Load() => Rows(new DigitImages().Load(), first: 0);

    /// <summary>Every second sample from <paramref name="first"/> on, so the two instruments never see the same image.</summary>
    internal static LabelledData Rows(LabelledData all, int first)
    {
        var rows = torch.arange(first, all.Count, 2);
        return new LabelledData(all.Features.index_select(0, rows), all.Targets.index_select(0, rows));
    }
}

/// <summary>
/// The target instrument: the odd rows of the digits (898 images) as a second, worse sensor records them, with lower
/// contrast, a raised background and per-pixel noise, clipped to [0, 1]. Its labels only score the adapted models;
/// training sees its images without them.
/// </summary>
[Dataset("x: 1,8,8", Target = "class: 10")]
public partial class ShiftedDigits : IDataSource
{
    public const float Contrast = 0.5f, Background = 0.25f, Noise = 0.2f;

    public LabelledData Load()
    {
        var odd = SourceDigits.Rows(new DigitImages().Load(), first: 1);
        // Its own generator: the same noise every time, whatever torch's global seed.
        using var generator = new torch.Generator(2016);
        var recorded = (Contrast * odd.Features + Background + Noise * torch.randn(odd.Features.shape, generator: generator)).clamp(0, 1);
        return odd with { Features = recorded };
    }
}
