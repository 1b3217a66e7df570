using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>Adds independent zero-mean Gaussian noise with standard deviation <see cref="Std"/> to every element of a batch of any layout.</summary>
public sealed class GaussianNoise : IAugmentation
{
    public GaussianNoise(double std)
    {
        AugmentationGuard.NonNegative(Name, nameof(std), std);
        Std = std;
    }

    public string Name => "GaussianNoise";

    public double Std { get; }

    public Tensor Apply(Tensor batch, torch.Generator generator)
    {
        AugmentationGuard.FloatingPoint(Name, batch);
        using var unit = torch.randn(batch.shape, batch.dtype, generator: generator);
        using var noise = (unit * Std).to(batch.device);
        return batch + noise;
    }
}
