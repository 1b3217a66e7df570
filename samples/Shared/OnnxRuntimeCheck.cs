using Microsoft.ML.OnnxRuntime;
using TorchSharp;

namespace SciDsl.Samples;

/// <summary>Runs an exported model in ONNX Runtime on the inputs TorchSharp saw, for the samples' parity check.</summary>
internal static class OnnxRuntimeCheck
{
    /// <summary>The project's parity bar for float32 models: the largest allowed |TorchSharp − ONNX Runtime|.</summary>
    public const float Tolerance = 1e-4f;

    /// <summary>
    /// Runs <paramref name="onnxPath"/> on float32 or int64 <paramref name="inputs"/>, given in the order of the model's
    /// <paramref name="signature"/>, and returns its first output with the shape ONNX Runtime gave it.
    /// </summary>
    public static torch.Tensor Run(string onnxPath, ModelSignature signature, params torch.Tensor[] inputs)
    {
        using var session = new InferenceSession(onnxPath);
        var values = inputs.Select(ToOrtValue).ToList();
        try
        {
            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, signature.Inputs.Select(input => input.Name).ToList(), values, [session.OutputNames[0]]);
            var output = results[0];
            return torch.tensor(output.GetTensorDataAsSpan<float>().ToArray(), output.GetTensorTypeAndShape().Shape);
        }
        finally
        {
            values.ForEach(value => value.Dispose());
        }
    }

    /// <summary>Max |a − b| over two outputs that must have the same shape.</summary>
    public static float MaxAbsDifference(torch.Tensor torchOutput, torch.Tensor onnxOutput)
    {
        if (!torchOutput.shape.SequenceEqual(onnxOutput.shape))
            throw new InvalidOperationException(
                $"ONNX Runtime returned shape [{string.Join(", ", onnxOutput.shape)}], TorchSharp [{string.Join(", ", torchOutput.shape)}].");
        using var difference = (torchOutput.detach() - onnxOutput).abs().max();
        return difference.item<float>();
    }

    private static OrtValue ToOrtValue(torch.Tensor tensor)
    {
        using var data = tensor.detach().contiguous();
        return data.dtype switch
        {
            torch.ScalarType.Float32 => OrtValue.CreateTensorValueFromMemory(data.data<float>().ToArray(), data.shape),
            torch.ScalarType.Int64 => OrtValue.CreateTensorValueFromMemory(data.data<long>().ToArray(), data.shape),
            var other => throw new ArgumentException($"The samples' ONNX check takes float32 or int64 inputs, not {other}.", nameof(tensor)),
        };
    }
}
