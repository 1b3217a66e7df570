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
    [MemberData(nameof(EveryParadigm.Names), MemberType = typeof(EveryParadigm))]
    public void Every_paradigm_asked_for_cuda_without_a_cuda_backend_gives_the_clear_error_before_anything_is_written(string paradigm)
    {
        var options = Options(paradigm, ComputeDevice.Cuda);
        var error = Assert.Throws<InvalidOperationException>(() => EveryParadigm.Train(paradigm, normalize: false, new InputScale(), options));

        Assert.Contains("CUDA is not available", error.Message);
        Assert.Contains("TorchSharp-cuda-linux", error.Message);
        Assert.False(Directory.Exists(Path.Combine(directory, paradigm)), "no checkpoint folder may be created");
    }
}
