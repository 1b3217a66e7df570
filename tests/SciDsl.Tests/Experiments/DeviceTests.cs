using SciDsl.Samples.Digits;
using SciDsl.Samples.Generative;
using SciDsl.Tests.Training;
using TorchSharp;

namespace SciDsl.Tests.Experiments;

/// <summary>
/// <c>Device = Auto/Cpu/Cuda</c> in the declaration and in <see cref="TrainOptions"/>. The tests reference the CPU
/// TorchSharp backend, so CUDA is never available here: Auto must mean the CPU and Cuda a clear error.
/// </summary>
public sealed class DeviceTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("scidsl-device-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private TrainOptions Options(string name, ComputeDevice? device = null) =>
        new() { CheckpointPath = Path.Combine(directory, name, "run.ckpt"), Progress = ProgressMode.None, Device = device };

    [Fact]
    public void The_declared_device_reaches_the_config()
    {
        Assert.Equal(ComputeDevice.Cpu, IrisOnCpuExperiment.Config.Device);
        Assert.Equal(ComputeDevice.Cuda, IrisOnCudaExperiment.Config.Device);
        Assert.Equal(ComputeDevice.Auto, IrisExperiment.Config.Device);
    }

    [Fact]
    public void Auto_trains_on_the_cpu_exactly_as_cpu_does_without_cuda()
    {
        Assert.False(torch.cuda.is_available());
        var onCpu = new IrisOnCpuExperiment().Run(Options("cpu"));
        var onAuto = new IrisOnCpuExperiment().Run(Options("auto", ComputeDevice.Auto));

        Assert.Equal(DeviceType.CPU, onAuto.Model.parameters().First().device_type);
        Assert.Equal(onCpu.History.Select(e => e.TrainLoss), onAuto.History.Select(e => e.TrainLoss));
        Assert.Equal(onCpu.History.Select(e => e.ValidationLoss), onAuto.History.Select(e => e.ValidationLoss));
        Assert.Equal(TrainingAssertions.Weights(onCpu.Model), TrainingAssertions.Weights(onAuto.Model));
    }

    [Fact]
    public void Cuda_without_a_cuda_backend_is_a_clear_error_before_anything_is_written()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new IrisOnCudaExperiment().Run(Options("cuda")));

        Assert.Contains("CUDA is not available", error.Message);
        Assert.Contains("TorchSharp-cuda-linux", error.Message);
        Assert.False(Directory.Exists(Path.Combine(directory, "cuda")), "no checkpoint folder may be created");
    }

    [Fact]
    public void The_options_device_overrides_the_declaration()
    {
        var trained = new IrisOnCudaExperiment().Run(Options("override", ComputeDevice.Cpu));
        Assert.Equal(3, trained.History.Count);

        var error = Assert.Throws<InvalidOperationException>(() => new IrisOnCpuExperiment().Run(Options("forced", ComputeDevice.Cuda)));
        Assert.Contains("TorchSharp-cuda-linux", error.Message);
    }

    /// <summary>
    /// Every paradigm trains on the resolved device, so asking for CUDA where there is none is the same clear error for
    /// each (not a refusal to use CUDA), before any checkpoint folder is created.
    /// </summary>
    [Theory]
    [InlineData("supervised")]
    [InlineData("pseudolabel")]
    [InlineData("fixmatch")]
    [InlineData("meanteacher")]
    [InlineData("multitask")]
    [InlineData("transfer")]
    [InlineData("selfsupervised")]
    [InlineData("dann")]
    [InlineData("coral")]
    [InlineData("vae")]
    [InlineData("gan")]
    public void Every_paradigm_asked_for_cuda_without_a_cuda_backend_gives_the_clear_error_before_anything_is_written(string paradigm)
    {
        var options = Options(paradigm, ComputeDevice.Cuda);
        var error = Assert.Throws<InvalidOperationException>(() => Train(paradigm, options));

        Assert.Contains("CUDA is not available", error.Message);
        Assert.Contains("TorchSharp-cuda-linux", error.Message);
        Assert.False(Directory.Exists(Path.Combine(directory, paradigm)), "no checkpoint folder may be created");
    }

    private static void Train(string paradigm, TrainOptions options)
    {
        var classify = new TrainConfig(Loss.CrossEntropy, Optim.Adam, Epochs: 1);
        var unlabelled = torch.zeros(4, 4);
        switch (paradigm)
        {
            case "supervised":
                SupervisedTrainer.Run(classify, () => new IrisMlp(), new IrisSamples(), IrisSamples.Signature, options);
                break;
            case "pseudolabel" or "fixmatch" or "meanteacher":
                var method = paradigm switch
                {
                    "fixmatch" => SemiSupervisedMethod.FixMatch,
                    "meanteacher" => SemiSupervisedMethod.MeanTeacher,
                    _ => SemiSupervisedMethod.PseudoLabel,
                };
                SemiSupervisedTrainer.Run(classify, () => new IrisMlp(), new IrisSamples(), unlabelled, IrisSamples.Signature, options,
                    new SemiSupervisedSettings(Method: method));
                break;
            case "multitask":
                MultiTaskTrainer.Run(classify with { Loss = Loss.MSE }, () => new LinearRegressor(), (model, x) => [model.forward(x)], new PlantedLinearSamples(),
                    PlantedLinearSamples.Signature, [new TrainingTask("y", Loss.MSE, FirstColumn: 0)], options);
                break;
            case "transfer":
                TransferTrainer.Run(classify, () => new IrisMlp(), new IrisSamples(), IrisSamples.Signature,
                    new TransferSettings(() => PretrainedWeights.FromModel(new IrisMlp())), options);
                break;
            case "selfsupervised":
                SelfSupervisedTrainer.Run(classify with { Loss = Loss.MSE }, () => new DigitAutoencoder(), torch.zeros(8, 1, 8, 8),
                    new SelfSupervisedSettings(SelfSupervisedMethod.Autoencoder), options);
                break;
            case "dann" or "coral":
                DomainAdaptationTrainer.Run(classify, () => new IrisMlp(), new IrisSamples(), unlabelled, IrisSamples.Signature,
                    new DomainAdaptationSettings(paradigm == "dann" ? Adaptation.Dann : Adaptation.Coral, "linear_1"), options);
                break;
            case "vae":
                VaeTrainer.Run(new TrainConfig(Loss.MSE, Optim.Adam, Epochs: 1), () => new DigitVae(),
                    (model, x) =>
                    {
                        var (reconstruction, mean, logVariance) = model.forward(x);
                        return new VaeOutputs(reconstruction, mean, logVariance);
                    },
                    new DigitImages(), DigitImages.Signature, options);
                break;
            case "gan":
                GanTrainer.Run(new TrainConfig(Loss.BCEWithLogits, Optim.Adam, Epochs: 1), () => new PointGenerator(), () => new PointDiscriminator(), 4,
                    new GaussianPoints(), GaussianPoints.Signature, options);
                break;
            default:
                throw new ArgumentException($"unknown paradigm '{paradigm}'", nameof(paradigm));
        }
    }
}
