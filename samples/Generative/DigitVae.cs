using SciDsl.Samples.Digits;

namespace SciDsl.Samples.Generative;

/// <summary>The VAE's decoder: a latent vector to an 8×8 grey image in [0, 1]. A [Model] of its own, so it exports to ONNX alone.</summary>
[Model("z: B,8")]
[Linear(128), ReLU]
[Linear(64), Sigmoid]
[Reshape("B,1,8,8")]
public partial class DigitDecoder;

/// <summary>
/// A VAE on the 8×8 digits: encoder → (mu, logvar) → Reparameterize → <see cref="DigitDecoder"/>; returns the
/// reconstruction and both heads, named for <c>[Vae]</c>.
/// </summary>
[Model("x: B,1,8,8")]
[Flatten, Linear(128), ReLU(Name = "hidden")]
[Linear(8, From = "hidden", Name = "mu")]
[Linear(8, From = "hidden", Name = "logvar")]
[Reparameterize(From = "mu,logvar", Name = "z")]
[Use(typeof(DigitDecoder), Name = "decoder")]
[Output("decoder", "mu", "logvar")]
public partial class DigitVae;

/// <summary>Train <see cref="DigitVae"/> on the digits (their labels unused), holding out 20 % to watch the reconstruction.</summary>
[Experiment(typeof(DigitVae), typeof(DigitImages))]
[Vae(Beta = 0.05, KlWarmupEpochs = 5, Reconstruction = "decoder")]
[Optimizer(Optim.Adam, LearningRate = 2e-3)]
[Train(Epochs = 30, BatchSize = 64, Seed = 42, ValidationSplit = 0.2)]
public partial class DigitVaeExperiment;
