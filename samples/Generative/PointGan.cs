using TorchSharp;

namespace SciDsl.Samples.Generative;

/// <summary>A GAN's generator: 4 noise values to a point in the plane.</summary>
[Model("z: B,4")]
[Linear(32), ReLU]
[Linear(32), ReLU]
[Linear(2)]
public partial class PointGenerator;

/// <summary>The GAN's discriminator: a point to one logit, "real" when positive.</summary>
[Model("x: B,2")]
[Linear(32), LeakyReLU]
[Linear(32), LeakyReLU]
[Linear(1)]
public partial class PointDiscriminator;

/// <summary>
/// 2,000 points from a Gaussian centred at (2, −1) with standard deviations (0.5, 1.5), drawn with a fixed seed.
/// The GAN ignores the targets (all 0); <see cref="Mean"/> and <see cref="Std"/> are what a trained generator should reproduce.
/// </summary>
[Dataset("x: 2", Target = "value: 1")]
public partial class GaussianPoints : IDataSource
{
    public static readonly float[] Mean = [2f, -1f];
    public static readonly float[] Std = [0.5f, 1.5f];

    public LabelledData Load()
    {
        using var generator = new torch.Generator(7);
        var points = torch.randn([2000, 2], generator: generator) * torch.tensor(Std) + torch.tensor(Mean);
        return new LabelledData(points, torch.zeros(2000, 1));
    }
}

/// <summary>Train <see cref="PointGenerator"/> against <see cref="PointDiscriminator"/> on <see cref="GaussianPoints"/>.</summary>
[Experiment(typeof(PointGenerator), typeof(GaussianPoints))]
[Gan(typeof(PointDiscriminator))]
[Optimizer(Optim.Adam, LearningRate = 1e-3)]
[Train(Epochs = 30, BatchSize = 64, Seed = 0)]
public partial class PointGanExperiment;
