using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>The draws Mixup and CutMix share: λ ~ Beta(α, α) and a partner for each sample.</summary>
internal static class MixingRandom
{
    public static void CheckAlpha(string augmentation, double alpha)
    {
        if (!(alpha > 0) || double.IsInfinity(alpha))
            throw new ArgumentException($"{augmentation}: alpha must be a finite number > 0, got {alpha}.", nameof(alpha));
    }

    public static double Lambda(torch.Generator generator, double alpha)
    {
        using var concentration = torch.tensor(alpha, ScalarType.Float64);
        var beta = torch.distributions.Beta(concentration, concentration, generator);
        using var sample = beta.sample();
        return sample.item<double>();
    }

    public static Tensor Partners(torch.Generator generator, long count, Device device)
    {
        using var permutation = torch.randperm(count, ScalarType.Int64, generator: generator);
        return permutation.to(device);
    }
}
