using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
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
    private SessionOptions sessionOptions = null!;
    private InferenceSession session = null!;
    private RunOptions runOptions = null!;
    private OrtValue[] ortInputs = null!;
    private OrtValue[] ortOutputs = null!;
    private string[] inputNames = null!;
    private string[] outputNames = null!;

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkSetup.ConfigureTorch();
        model = new DigitCnn();
        model.eval();

        float[] data = BenchmarkSetup.RandomInput(BatchSize * 64);
        long[] inputShape = [BatchSize, 1, 8, 8];
        input = torch.tensor(data, inputShape);

        exportDirectory = Directory.CreateTempSubdirectory("scidsl-bench-").FullName;
        string path = Path.Combine(exportDirectory, "digits.onnx");
        model.ExportOnnx(path);

        sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = BenchmarkSetup.Threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        session = new InferenceSession(path, sessionOptions);
        runOptions = new RunOptions();
        inputNames = [.. session.InputNames];
        outputNames = [.. session.OutputNames];
        ortInputs = [OrtValue.CreateTensorValueFromMemory(data, inputShape)];
        ortOutputs = [OrtValue.CreateTensorValueFromMemory(new float[BatchSize * 10], [BatchSize, 10])];

        CheckBothAgree();
    }

    [Benchmark(Baseline = true)]
    public void TorchSharp()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        model.forward(input);
    }

    [Benchmark]
    public void OnnxRuntime() => session.Run(runOptions, inputNames, ortInputs, outputNames, ortOutputs);

    /// <summary>Guards the comparison: both sides must compute the same logits.</summary>
    private void CheckBothAgree()
    {
        float[] expected;
        using (torch.no_grad())
        using (var output = model.forward(input))
            expected = output.data<float>().ToArray();
        OnnxRuntime();
        var actual = ortOutputs[0].GetTensorDataAsSpan<float>();
        for (int i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - actual[i]) > 1e-4f)
                throw new InvalidOperationException($"ONNX Runtime and TorchSharp disagree at {i}: {actual[i]} vs {expected[i]}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var value in ortInputs.Concat(ortOutputs)) value.Dispose();
        runOptions.Dispose();
        session.Dispose();
        sessionOptions.Dispose();
        input.Dispose();
        model.Dispose();
        Directory.Delete(exportDirectory, recursive: true);
    }
}
