using TorchSharp;

namespace SciDsl;

/// <summary>How a VAE weighs its KL term (see <see cref="VaeTrainer"/>); <c>[Vae]</c> declares it.</summary>
/// <param name="Beta">β, the KL term's weight in the loss reconstruction + β·KL, finite and ≥ 0. Default 1 (the plain ELBO).</param>
/// <param name="KlWarmupEpochs">KL annealing: the weight rises linearly, β·epoch/this, to β in this epoch; 0 = β from the start. Default 0.</param>
public sealed record VaeSettings(double Beta = 1.0, int KlWarmupEpochs = 0)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that cannot work.</summary>
    public void Validate()
    {
        if (!(Beta >= 0) || double.IsInfinity(Beta)) throw Invalid(nameof(Beta), $"must be finite and >= 0, got {Beta}");
        if (KlWarmupEpochs < 0) throw Invalid(nameof(KlWarmupEpochs), $"must be >= 0, got {KlWarmupEpochs}");
    }

    /// <summary>The KL weight in a 1-based epoch.</summary>
    public double BetaAt(int epoch) => KlWarmupEpochs == 0 ? Beta : Beta * Math.Min(1.0, epoch / (double)KlWarmupEpochs);

    private static ArgumentException Invalid(string field, string problem) =>
        new($"VaeSettings.{field} {problem}.", field);
}

/// <summary>What a VAE's forward returns, by role: the reconstruction of its input and the posterior's mean and log-variance.</summary>
public readonly record struct VaeOutputs(torch.Tensor Reconstruction, torch.Tensor Mean, torch.Tensor LogVariance);
