namespace SciDsl;

/// <summary>
/// Trains the experiment's model as a variational autoencoder: the negative ELBO, reconstruction + β·KL, with the KL
/// weight annealed over <see cref="KlWarmupEpochs"/>. The model returns the reconstruction and the posterior's mean and
/// log-variance as named outputs, e.g. <c>[Output("recon", "mu", "logvar")]</c> after a <c>[Reparameterize]</c>; the
/// build checks they exist (SD3070), that mean and log-variance agree and the reconstruction has the input's shape (SD3071).
/// The data's targets are not used.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class VaeAttribute : Attribute
{
    /// <summary>β, the KL term's weight, finite and ≥ 0; 1 is the plain ELBO, more gives a smoother latent space.</summary>
    public double Beta { get; set; } = 1.0;

    /// <summary>Epochs over which the KL weight rises linearly to <see cref="Beta"/> (β·epoch/this); 0 = β from the start.</summary>
    public int KlWarmupEpochs { get; set; }

    /// <summary><see cref="SciDsl.Loss.MSE"/> (squared error), or <see cref="SciDsl.Loss.BCEWithLogits"/> for data in [0, 1] with a reconstruction of logits.</summary>
    public Loss ReconstructionLoss { get; set; } = Loss.MSE;

    /// <summary>The model output that reconstructs the input.</summary>
    public string Reconstruction { get; set; } = "recon";

    /// <summary>The model output with the posterior's mean.</summary>
    public string Mean { get; set; } = "mu";

    /// <summary>The model output with the posterior's log-variance.</summary>
    public string LogVariance { get; set; } = "logvar";
}

/// <summary>
/// Trains the experiment's model as a GAN's generator against <paramref name="discriminator"/> (another <c>[Model]</c>),
/// alternating discriminator and generator steps with the non-saturating loss. The generator takes a latent vector
/// <c>"z: B,k"</c> and outputs samples of the data's shape; the discriminator takes the data's samples and outputs one
/// logit per sample, <c>[B, 1]</c>. The build checks both (SD3072, SD3073). The data's targets are not used.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class GanAttribute(Type discriminator) : Attribute
{
    public Type Discriminator { get; } = discriminator;
}
