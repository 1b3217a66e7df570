using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace SciDsl.Benchmarks;

/// <summary>
/// An ONNX Runtime session over an exported file, with its one input and one output <c>OrtValue</c> prepared
/// once, so that <see cref="Run"/> measures the run alone. Same thread count as TorchSharp, sequential execution.
/// </summary>
public sealed class OnnxRuntimeRunner : IDisposable
{
    private readonly SessionOptions sessionOptions;
    private readonly InferenceSession session;
    private readonly RunOptions runOptions = new();
    private readonly OrtValue[] inputs;
    private readonly OrtValue[] outputs;
    private readonly string[] inputNames;
    private readonly string[] outputNames;

    /// <param name="input">The model's input (float32 or int64), copied into ONNX Runtime's input.</param>
    /// <param name="outputShape">The shape of the model's float32 output.</param>
    public OnnxRuntimeRunner(string path, Tensor input, long[] outputShape)
    {
        sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = BenchmarkSetup.Threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        session = new InferenceSession(path, sessionOptions);
        inputNames = [.. session.InputNames];
        outputNames = [.. session.OutputNames];
        inputs = [input.dtype == ScalarType.Int64
            ? OrtValue.CreateTensorValueFromMemory(input.data<long>().ToArray(), input.shape)
            : OrtValue.CreateTensorValueFromMemory(input.data<float>().ToArray(), input.shape)];
        outputs = [OrtValue.CreateTensorValueFromMemory(new float[outputShape.Aggregate(1L, (size, dim) => size * dim)], outputShape)];
    }

    public void Run() => session.Run(runOptions, inputNames, inputs, outputNames, outputs);

    /// <summary>Runs once and throws unless the output is within 1e-4 of <paramref name="expected"/> (TorchSharp's).</summary>
    public void CheckMatches(Tensor expected, string model)
    {
        float[] expectedValues = expected.data<float>().ToArray();
        Run();
        var actual = outputs[0].GetTensorDataAsSpan<float>();
        for (int i = 0; i < expectedValues.Length; i++)
        {
            if (Math.Abs(expectedValues[i] - actual[i]) > 1e-4f)
                throw new InvalidOperationException($"{model}: ONNX Runtime and TorchSharp disagree at {i}: {actual[i]} vs {expectedValues[i]}.");
        }
    }

    public void Dispose()
    {
        foreach (var value in inputs.Concat(outputs)) value.Dispose();
        runOptions.Dispose();
        session.Dispose();
        sessionOptions.Dispose();
    }
}
