using System.Diagnostics;
using System.Globalization;
using SciDsl;
using SciDsl.Samples;
using SciDsl.Samples.Digits;
using SciDsl.Samples.Generative;
using TorchSharp;

// Two generative models declared with attributes (DigitVae.cs, PointGan.cs), trained, drawn from, exported to ONNX and
// checked in ONNX Runtime. Exits 1 when a bar is missed, 2 when training fails.
var clock = Stopwatch.StartNew();
bool passed = true;
void Check(bool ok, string what)
{
    Console.WriteLine($"  {(ok ? "ok  " : "MISS")} {what}");
    passed &= ok;
}
string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

// 1. VAE on the 8×8 digits.
Console.WriteLine(new DigitVae().Summary());
TrainingResult<DigitVae> vae;
GanResult<PointGenerator, PointDiscriminator> gan;
try
{
    vae = new DigitVaeExperiment().Run();
    gan = new PointGanExperiment().Run();
}
catch (Exception e) when (e is IOException or DataFormatException or DataShapeException or TrainingDivergedException)
{
    Console.Error.WriteLine($"training failed: {e.Message}");
    return 2;
}

var validation = new DigitImages().Load().ValidationPart(DigitVaeExperiment.Config, nameof(DigitImages)).Features;
torch.manual_seed(DigitVaeExperiment.Config.Seed);
double untrained = SquaredErrorPerImage(new DigitVae(), validation);
double trained = SquaredErrorPerImage(vae.Model, validation);
var decoder = vae.Model.decoder;
using var samples = LatentSampling.Sample(decoder, 64, latentSize: 8, seed: 1);
ImageGrid.Save(samples, columns: 8, path: "vae-samples.png");
using (torch.no_grad())
{
    // Originals in the odd rows, their reconstructions below them.
    var originals = validation.narrow(0, 0, 32);
    var (reconstructions, _, _) = vae.Model.forward(originals);
    ImageGrid.Save(torch.stack([originals.view(4, 8, 1, 8, 8), reconstructions.view(4, 8, 1, 8, 8)], 1).view(64, 1, 8, 8), 8, "vae-reconstructions.png");
}
string decoderPath = Path.GetFullPath("vae-decoder.onnx");
decoder.ExportOnnx(decoderPath);
float decoderDiff = OnnxDifference(decoder, decoderPath, DigitDecoder.Signature, 8);

Console.WriteLine(Invariant($"""
    VAE ({vae.History.Count} epochs, best epoch {vae.BestEpoch}):
      validation reconstruction error per image: untrained {untrained:F2}, trained {trained:F2} (sum of squared errors over 64 pixels)
      validation KL: {vae.Validation!.Metrics["kl"]:F2}
      samples: vae-samples.png, reconstructions: vae-reconstructions.png
      decoder: {decoderPath}, max |TorchSharp - ONNX Runtime| {decoderDiff:E2}
    """));
Check(trained <= 0.25 * untrained, "VAE reconstruction error at most a quarter of the untrained model's");
Check(samples.shape.SequenceEqual(new long[] { 64, 1, 8, 8 }), "VAE samples from the prior have the digits' shape [1, 8, 8]");
Check(decoderDiff <= OnnxRuntimeCheck.Tolerance, "decoder ONNX parity <= 1e-4");

// 2. GAN on 2-D Gaussian points.
torch.manual_seed(PointGanExperiment.Config.Seed);
var (untrainedMean, untrainedStd) = Moments(new PointGenerator());
var (mean, std) = Moments(gan.Generator);
double untrainedDistance = Distance(untrainedMean, untrainedStd), distance = Distance(mean, std);
string generatorPath = Path.GetFullPath("gan-generator.onnx");
gan.Generator.ExportOnnx(generatorPath);
float generatorDiff = OnnxDifference(gan.Generator, generatorPath, PointGenerator.Signature, 4);

Console.WriteLine(Invariant($"""
    GAN ({gan.Training.History.Count} epochs; final losses: generator {gan.Training.Final.TrainLoss:F3}, discriminator {gan.DiscriminatorLosses[^1]:F3}):
      data       mean ({GaussianPoints.Mean[0]:F2}, {GaussianPoints.Mean[1]:F2}), std ({GaussianPoints.Std[0]:F2}, {GaussianPoints.Std[1]:F2})
      untrained  mean ({untrainedMean[0]:F2}, {untrainedMean[1]:F2}), std ({untrainedStd[0]:F2}, {untrainedStd[1]:F2}), distance {untrainedDistance:F2}
      trained    mean ({mean[0]:F2}, {mean[1]:F2}), std ({std[0]:F2}, {std[1]:F2}), distance {distance:F2}
      generator: {generatorPath}, max |TorchSharp - ONNX Runtime| {generatorDiff:E2}
    """));
Check(gan.Training.History.All(epoch => double.IsFinite(epoch.TrainLoss)) && gan.DiscriminatorLosses.All(double.IsFinite), "GAN losses finite");
Check(distance <= 0.3 * untrainedDistance, "GAN samples' mean and std at most 0.3 × the untrained generator's distance from the data's");
Check(generatorDiff <= OnnxRuntimeCheck.Tolerance, "generator ONNX parity <= 1e-4");

Console.WriteLine(Invariant($"{(passed ? "all bars met" : "a bar was missed")} in {clock.Elapsed.TotalSeconds:F0} s"));
return passed ? 0 : 1;

static double SquaredErrorPerImage(DigitVae model, torch.Tensor images)
{
    model.eval();
    using var noGrad = torch.no_grad();
    var (reconstruction, _, _) = model.forward(images);
    return (reconstruction - images).pow(2).sum().item<float>() / images.shape[0];
}

static (float[] Mean, float[] Std) Moments(PointGenerator generator)
{
    using var points = LatentSampling.Sample(generator, 4000, latentSize: 4, seed: 11);
    return (points.mean([0]).data<float>().ToArray(), points.std(0).data<float>().ToArray());
}

static double Distance(float[] mean, float[] std) =>
    Enumerable.Range(0, 2).Sum(axis => Math.Abs(mean[axis] - GaussianPoints.Mean[axis]) + Math.Abs(std[axis] - GaussianPoints.Std[axis]));

static float OnnxDifference(torch.nn.Module<torch.Tensor, torch.Tensor> model, string path, ModelSignature signature, int latentSize)
{
    model.eval();
    using var noGrad = torch.no_grad();
    using var latent = torch.randn(16, latentSize);
    using var expected = model.forward(latent);
    using var actual = OnnxRuntimeCheck.Run(path, signature, latent);
    return OnnxRuntimeCheck.MaxAbsDifference(expected, actual);
}
