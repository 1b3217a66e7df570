using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>
/// CutMix (Yun et al., 2019) for images <c>[B,C,H,W]</c>: draws λ ~ Beta(<see cref="Alpha"/>, <see cref="Alpha"/>), a box of
/// area about (1-λ)·H·W centred at a uniform point and clipped to the image, and pastes that box of each sample's partner
/// into it. λ is then corrected to the exact share of pixels left outside the box, and targets are mixed with it.
/// </summary>
public sealed class CutMix
{
    public CutMix(double alpha = 1.0)
    {
        MixingRandom.CheckAlpha(nameof(CutMix), alpha);
        Alpha = alpha;
    }

    public double Alpha { get; }

    /// <param name="targets">Class indices <c>[B]</c> or probabilities <c>[B,classCount]</c>.</param>
    public MixedBatch Apply(Tensor images, Tensor targets, long classCount, torch.Generator generator)
    {
        AugmentationGuard.Rank(nameof(CutMix), images, 4, "of images [B,C,H,W]");
        long count = images.shape[0], height = images.shape[2], width = images.shape[3];
        using var soft = SoftTargets.From(nameof(CutMix), targets, count, classCount, images.device);
        double drawn = MixingRandom.Lambda(generator, Alpha);
        var box = DrawBox(generator, height, width, drawn);
        var partners = MixingRandom.Partners(generator, count, images.device);

        using var partnerImages = images.index_select(0, partners);
        var mixed = images.clone();
        using (var region = mixed[.., .., (int)box.Top..(int)(box.Top + box.Height), (int)box.Left..(int)(box.Left + box.Width)])
        using (var pasted = partnerImages[.., .., (int)box.Top..(int)(box.Top + box.Height), (int)box.Left..(int)(box.Left + box.Width)])
            region.copy_(pasted);

        double lambda = 1 - (double)box.Area / (height * width);
        using var partnerTargets = soft.index_select(0, partners);
        return new MixedBatch(mixed, soft * lambda + partnerTargets * (1 - lambda), lambda, partners, box);
    }

    private static CutMixBox DrawBox(torch.Generator generator, long height, long width, double lambda)
    {
        double side = Math.Sqrt(1 - lambda);
        long boxHeight = (long)(height * side), boxWidth = (long)(width * side);
        using var centre = torch.rand([2], ScalarType.Float64, generator: generator);
        long centreRow = Math.Min((long)(centre[0].item<double>() * height), height - 1);
        long centreColumn = Math.Min((long)(centre[1].item<double>() * width), width - 1);
        long top = Math.Clamp(centreRow - boxHeight / 2, 0, height), bottom = Math.Clamp(centreRow + boxHeight / 2, 0, height);
        long left = Math.Clamp(centreColumn - boxWidth / 2, 0, width), right = Math.Clamp(centreColumn + boxWidth / 2, 0, width);
        return new CutMixBox(top, left, bottom - top, right - left);
    }
}
