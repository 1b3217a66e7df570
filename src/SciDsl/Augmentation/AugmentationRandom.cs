using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>
/// Per-sample random draws for the augmentations. Draws are made on the CPU from the caller's generator and then
/// moved to the batch's device, so a seed gives the same augmentation on every device.
/// </summary>
internal static class AugmentationRandom
{
    /// <summary>One uniform number in [low, high) per sample: <c>[count]</c>, float32.</summary>
    public static Tensor Uniform(torch.Generator generator, long count, double low, double high, Device device)
    {
        using var unit = torch.rand([count], ScalarType.Float32, generator: generator);
        return (unit * (high - low) + low).to(device);
    }

    /// <summary>One coin per sample, true with the given probability: <c>[count]</c>, bool.</summary>
    public static Tensor Coin(torch.Generator generator, long count, double probability, Device device)
    {
        using var unit = torch.rand([count], ScalarType.Float32, generator: generator);
        return unit.lt(probability).to(device);
    }

    /// <summary>Integers in [low, high] inclusive, one per sample: <c>[count]</c>, int64.</summary>
    public static Tensor Integers(torch.Generator generator, long count, long low, long high, Device device)
    {
        using var drawn = torch.randint(low, high + 1, [count], ScalarType.Int64, generator: generator);
        return drawn.to(device);
    }

    /// <summary>Per sample, <paramref name="whenTrue"/> where <paramref name="coin"/> is set, else <paramref name="whenFalse"/>.</summary>
    public static Tensor Choose(Tensor coin, Tensor whenTrue, Tensor whenFalse)
    {
        long[] broadcast = new long[whenTrue.dim()];
        Array.Fill(broadcast, 1L);
        broadcast[0] = coin.shape[0];
        using var mask = coin.view(broadcast);
        return torch.where(mask, whenTrue, whenFalse);
    }
}
