using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Benchmarks;

/// <summary>
/// Inference on a generated model: TorchSharp eval-mode forward under no_grad (baseline) against ONNX Runtime
/// running the file the model exports, with the input (and ONNX Runtime's output buffer) prepared once.
/// </summary>
public abstract class InferenceComparison
{
    private nn.Module<Tensor, Tensor> model = null!;
    private Tensor input = null!;
    private string exportDirectory = null!;
    private OnnxRuntimeRunner onnxRuntime = null!;

    /// <summary>Takes the model and its input, exports the model, and checks that both engines agree.</summary>
    protected void Prepare(nn.Module<Tensor, Tensor> generated, Tensor batch, Action<string> exportOnnx)
    {
        model = generated;
        model.eval();
        input = batch;
        exportDirectory = Directory.CreateTempSubdirectory("scidsl-bench-").FullName;
        string path = Path.Combine(exportDirectory, model.GetName() + ".onnx");
        exportOnnx(path);
        using var noGrad = torch.no_grad();
        using var expected = model.forward(input);
        onnxRuntime = new OnnxRuntimeRunner(path, input, expected.shape);
        onnxRuntime.CheckMatches(expected, model.GetName());
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
