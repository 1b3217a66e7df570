using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Benchmarks;

/// <summary>
/// Eval-mode inference on issue 6's generated ResNet, LSTM classifier and Transformer classifier: TorchSharp
/// forward under no_grad against ONNX Runtime running the file each model exports, inputs prepared once.
/// </summary>
public class ArchitectureInferenceBenchmarks
{
    [Params(ArchitectureCases.ResNet, ArchitectureCases.Lstm, ArchitectureCases.Transformer)]
    public string Architecture { get; set; } = ArchitectureCases.ResNet;

    [Params(1, 64)]
    public int BatchSize { get; set; }

    private nn.Module<Tensor, Tensor> model = null!;
    private Tensor input = null!;
    private string exportDirectory = null!;
    private OnnxRuntimeRunner onnxRuntime = null!;

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkSetup.ConfigureTorch();
        model = ArchitectureCases.Generated(Architecture);
        model.eval();
        input = ArchitectureCases.Input(Architecture, BatchSize);

        exportDirectory = Directory.CreateTempSubdirectory("scidsl-bench-").FullName;
        string path = Path.Combine(exportDirectory, Architecture + ".onnx");
        ArchitectureCases.ExportOnnx(model, path);
        using var noGrad = torch.no_grad();
        using var expected = model.forward(input);
        onnxRuntime = new OnnxRuntimeRunner(path, input, expected.shape);
        onnxRuntime.CheckMatches(expected, Architecture);
    }

    [Benchmark(Baseline = true)]
    public void TorchSharp()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        model.forward(input);
    }

    [Benchmark]
    public void OnnxRuntime() => onnxRuntime.Run();

    [GlobalCleanup]
    public void Cleanup()
    {
        onnxRuntime.Dispose();
        input.Dispose();
        model.Dispose();
        Directory.Delete(exportDirectory, recursive: true);
    }
}
