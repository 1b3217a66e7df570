using SciDsl.Samples.Generative;
using SciDsl.Tests.Onnx;
using TorchSharp;
using static SciDsl.Tests.Training.TrainingAssertions;

namespace SciDsl.Tests.Training;

/// <summary>
/// The Generative sample's [Vae] and [Gan] experiments, compiled by the generator with this project, run briefly: the
/// generated <c>Run</c> picks the paradigm's trainer with the declared settings.
/// </summary>
public sealed class GenerativeExperimentTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_vae_experiment_trains_its_model_on_the_elbo_and_its_decoder_draws_digit_shaped_samples()
    {
        Assert.Equal(Loss.MSE, DigitVaeExperiment.Config.Loss);

        var result = new DigitVaeExperiment().Run(Quiet(temp.File("vae.ckpt"), epochs: 2));

        Assert.Equal(2, result.History.Count);
        Assert.True(result.Validation!.Metrics["reconstruction"] > 0 && result.Validation.Metrics["kl"] >= 0);
        // The declared β = 0.05 (not the default 1) reaches the trainer: validation weighs the KL with it fully.
        Assert.Equal(result.Validation.Metrics["reconstruction"] + 0.05 * result.Validation.Metrics["kl"], result.Validation.Loss, 9);
        using var samples = LatentSampling.Sample(result.Model.decoder, 4, latentSize: 8);
        Assert.Equal(new long[] { 4, 1, 8, 8 }, samples.shape);
    }

    [Fact]
    public void The_gan_experiment_trains_the_generator_against_the_declared_discriminator()
    {
        var result = new PointGanExperiment().Run(Quiet(temp.File("gan.ckpt"), epochs: 2));

        Assert.IsType<PointDiscriminator>(result.Discriminator);
        Assert.Equal(2, result.Training.History.Count);
        Assert.Equal(2, result.DiscriminatorLosses.Count);
        Assert.Null(result.Training.Validation);
        using var samples = LatentSampling.Sample(result.Generator, 5, latentSize: 4);
        Assert.Equal(new long[] { 5, 2 }, samples.shape);
    }
}
