using TorchSharp;

namespace SciDsl;

/// <summary>Where training and evaluation run.</summary>
public enum ComputeDevice
{
    /// <summary>CUDA when the application references a CUDA TorchSharp backend and a GPU is visible, the CPU otherwise.</summary>
    Auto,
    /// <summary>The CPU, even when a GPU is there.</summary>
    Cpu,
    /// <summary>The first CUDA GPU; an error when there is none or the backend is the CPU one.</summary>
    Cuda,
}

internal static class ComputeDevices
{
    /// <summary>
    /// The torch device for a choice (<paramref name="requested"/>, the run-time override, wins over the declaration);
    /// asking for CUDA where it is unavailable throws before anything is trained or written.
    /// </summary>
    public static torch.Device Resolve(ComputeDevice declared, ComputeDevice? requested)
    {
        var choice = requested ?? declared;
        return choice switch
        {
            ComputeDevice.Cpu => torch.CPU,
            ComputeDevice.Auto => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
            ComputeDevice.Cuda when torch.cuda.is_available() => torch.CUDA,
            ComputeDevice.Cuda => throw new InvalidOperationException(
                "Device = ComputeDevice.Cuda, but CUDA is not available: TorchSharp found no CUDA backend or no GPU. " +
                "Reference TorchSharp-cuda-linux (or TorchSharp-cuda-windows) instead of TorchSharp-cpu in the application's project, " +
                "check that the NVIDIA driver sees a GPU (nvidia-smi), or use ComputeDevice.Auto to fall back to the CPU."),
            _ => throw new ArgumentOutOfRangeException(nameof(declared), choice, "Unknown ComputeDevice."),
        };
    }

    /// <summary>Where <paramref name="module"/>'s weights are (the CPU for a module without any): where its inputs must go.</summary>
    public static torch.Device Of(torch.nn.Module module) => module.parameters().FirstOrDefault()?.device ?? torch.CPU;
}
