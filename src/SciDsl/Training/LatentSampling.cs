using TorchSharp;

namespace SciDsl;

/// <summary>Draws from a generative model: a GAN's generator or a VAE's decoder applied to samples of the prior N(0, I).</summary>
public static class LatentSampling
{
    /// <summary>
    /// <paramref name="count"/> samples: <paramref name="decoder"/> in eval mode, without gradients, on latent vectors
    /// <c>[count, latentSize]</c> drawn from N(0, I) by a generator seeded with <paramref name="seed"/> (the global torch seed is untouched).
    /// The latent vectors are drawn on the CPU, so a seed gives the same ones on every device; the samples come back on the CPU.
    /// </summary>
    public static torch.Tensor Sample(torch.nn.Module<torch.Tensor, torch.Tensor> decoder, long count, int latentSize, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(latentSize);
        bool training = decoder.training;
        decoder.eval();
        try
        {
            using var noGrad = torch.no_grad();
            using var generator = new torch.Generator((ulong)seed);
            using var latent = torch.randn([count, latentSize], generator: generator);
            // The latent itself on the CPU, where disposing it twice is harmless.
            using var onDevice = latent.to(ComputeDevices.Of(decoder));
            return decoder.forward(onDevice).cpu();
        }
        finally
        {
            decoder.train(training);
        }
    }
}
