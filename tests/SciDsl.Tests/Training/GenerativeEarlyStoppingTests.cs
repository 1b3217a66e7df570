using SciDsl.Samples.Digits;
using SciDsl.Samples.Generative;
using static SciDsl.Tests.Training.TrainingAssertions;

namespace SciDsl.Tests.Training;

/// <summary>
/// A VAE validates its ELBO (<c>val_loss</c>, with <c>val_reconstruction</c> and <c>val_kl</c> beside it) and a GAN does not
/// validate, so early stopping on a supervised metric is refused before training instead of failing after an epoch or
/// silently watching something else.
/// </summary>
public sealed class GenerativeEarlyStoppingTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(Loss.MSE, "val_mse")]
    [InlineData(Loss.BCEWithLogits, "val_accuracy")]
    public void A_vae_refuses_early_stopping_on_a_metric_it_does_not_compute(Loss reconstruction, string metric)
    {
        var config = new TrainConfig(reconstruction, Optim.Adam, Epochs: 1, BatchSize: 64, Seed: 1, EarlyStopping: metric);

        var error = Assert.Throws<ArgumentException>(() => VaeTrainer.Run(config, () => new DigitVae(),
            (model, x) =>
            {
                var (output, mean, logVariance) = model.forward(x);
                return new VaeOutputs(output, mean, logVariance);
            },
            new DigitImages(), DigitImages.Signature, Quiet(temp.File("vae.ckpt"))));

        Assert.Contains($"\"{metric}\"", error.Message);
        Assert.Contains("\"val_loss\"", error.Message);
        Assert.False(File.Exists(temp.File("vae.ckpt")));
    }

    [Fact]
    public void A_gan_refuses_early_stopping_on_a_validation_metric()
    {
        var config = new TrainConfig(Loss.BCEWithLogits, Optim.Adam, Epochs: 1, BatchSize: 64, Seed: 1, EarlyStopping: "val_accuracy");

        var error = Assert.Throws<ArgumentException>(() => GanTrainer.Run(config, () => new PointGenerator(), () => new PointDiscriminator(), 4,
            new GaussianPoints(), GaussianPoints.Signature, Quiet(temp.File("gan.ckpt"))));

        Assert.Contains("\"val_accuracy\"", error.Message);
        Assert.Contains("\"val_loss\"", error.Message);
    }
}
