using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using OrtElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace SciDsl.Tests.Onnx;

/// <summary>
/// Runs an exported ONNX file in ONNX Runtime and compares it with TorchSharp's output.
/// Reusable by per-layer parity tests: inputs may be float32, float64, int64, int32 or bool.
/// </summary>
public static class OnnxRuntimeParity
{
    /// <summary>The project's parity bar for float32 models.</summary>
    public const float DefaultTolerance = 1e-4f;

    /// <summary>Both extremes: optimisations can hide errors or cause them.</summary>
    public static IReadOnlyList<GraphOptimizationLevel> Levels { get; } =
        [GraphOptimizationLevel.ORT_DISABLE_ALL, GraphOptimizationLevel.ORT_ENABLE_ALL];

    /// <summary>Runs the model; every output comes back as a CPU tensor of its own dtype (the caller disposes them).</summary>
    public static IReadOnlyDictionary<string, torch.Tensor> Run(
        string onnxPath, IReadOnlyDictionary<string, torch.Tensor> inputs, GraphOptimizationLevel level)
    {
        using var sessionOptions = new SessionOptions { GraphOptimizationLevel = level };
        using var session = new InferenceSession(onnxPath, sessionOptions);
        var ortInputs = inputs.Values.Select(ToOrtValue).ToList();
        try
        {
            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, inputs.Keys.ToList(), ortInputs, session.OutputNames);
            return session.OutputNames.Zip(results).ToDictionary(pair => pair.First, pair => ToTorch(pair.Second));
        }
        finally
        {
            ortInputs.ForEach(value => value.Dispose());
        }
    }

    /// <summary>
    /// Max |onnx - expected| over one output (<paramref name="outputName"/>, or the only output), after checking the shapes agree.
    /// </summary>
    public static float MaxAbsDiff(
        string onnxPath, IReadOnlyDictionary<string, torch.Tensor> inputs, torch.Tensor expected,
        GraphOptimizationLevel level, string? outputName = null)
    {
        using var scope = torch.NewDisposeScope();
        var outputs = Run(onnxPath, inputs, level);
        var actual = outputName is null ? outputs.Values.Single() : outputs[outputName];
        Assert.Equal(expected.shape, actual.shape);
        return (float)(actual.to(torch.float64) - expected.detach().cpu().to(torch.float64)).abs().max().item<double>();
    }

    /// <summary>Asserts parity with graph optimisations disabled and fully enabled.</summary>
    public static void AssertMatches(
        string onnxPath, IReadOnlyDictionary<string, torch.Tensor> inputs, torch.Tensor expected,
        float tolerance = DefaultTolerance, string? outputName = null)
    {
        foreach (var level in Levels)
        {
            float diff = MaxAbsDiff(onnxPath, inputs, expected, level, outputName);
            Assert.True(diff <= tolerance, $"{Path.GetFileName(onnxPath)} at {level}: max abs diff {diff:G6} > {tolerance:G6}");
        }
    }

    private static OrtValue ToOrtValue(torch.Tensor tensor)
    {
        using var data = tensor.detach().cpu().contiguous();
        long[] shape = data.shape;
        return data.dtype switch
        {
            torch.ScalarType.Float32 => OrtValue.CreateTensorValueFromMemory(data.data<float>().ToArray(), shape),
            torch.ScalarType.Float64 => OrtValue.CreateTensorValueFromMemory(data.data<double>().ToArray(), shape),
            torch.ScalarType.Int64 => OrtValue.CreateTensorValueFromMemory(data.data<long>().ToArray(), shape),
            torch.ScalarType.Int32 => OrtValue.CreateTensorValueFromMemory(data.data<int>().ToArray(), shape),
            torch.ScalarType.Bool => OrtValue.CreateTensorValueFromMemory(data.data<bool>().ToArray(), shape),
            _ => throw new NotSupportedException($"No ONNX Runtime input for dtype {data.dtype}."),
        };
    }

    private static torch.Tensor ToTorch(OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        long[] shape = info.Shape;
        return info.ElementDataType switch
        {
            OrtElementType.Float => torch.tensor(value.GetTensorDataAsSpan<float>().ToArray(), shape),
            OrtElementType.Double => torch.tensor(value.GetTensorDataAsSpan<double>().ToArray(), shape),
            OrtElementType.Int64 => torch.tensor(value.GetTensorDataAsSpan<long>().ToArray(), shape),
            OrtElementType.Int32 => torch.tensor(value.GetTensorDataAsSpan<int>().ToArray(), shape),
            OrtElementType.Bool => torch.tensor(value.GetTensorDataAsSpan<bool>().ToArray(), shape),
            _ => throw new NotSupportedException($"No TorchSharp tensor for ONNX Runtime output type {info.ElementDataType}."),
        };
    }
}
