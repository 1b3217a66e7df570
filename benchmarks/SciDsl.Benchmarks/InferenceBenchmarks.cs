using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;
using SciDsl.Samples.Digits;

namespace SciDsl.Benchmarks;

/// <summary>
/// Inference on the generated model: TorchSharp eval-mode forward under no_grad against ONNX Runtime
/// running the file the model exports, with inputs (and ORT's output buffer) prepared once.
/// </summary>
public class InferenceBenchmarks
{
    [Params(1, 64)]
    public int BatchSize { get; set; }

    private DigitCnn model = null!;
    private Tensor input = null!;
    private string exportDirectory = null!;
    private OnnxRuntimeRunner onnxRuntime = null!;

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkSetup.ConfigureTorch();
        model = new DigitCnn();
        model.eval();
        input = torch.tensor(BenchmarkSetup.RandomInput(BatchSize * 64), [BatchSize, 1, 8, 8]);

        exportDirectory = Directory.CreateTempSubdirectory("scidsl-bench-").FullName;
        string path = Path.Combine(exportDirectory, "digits.onnx");
        model.ExportOnnx(path);
        using var noGrad = torch.no_grad();
        using var expected = model.forward(input);
        onnxRuntime = new OnnxRuntimeRunner(path, input, expected.shape);
        onnxRuntime.CheckMatches(expected, nameof(DigitCnn));
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
