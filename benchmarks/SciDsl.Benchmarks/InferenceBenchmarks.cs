using BenchmarkDotNet.Attributes;
using TorchSharp;
using SciDsl.Samples.Digits;

namespace SciDsl.Benchmarks;

/// <summary>Inference on the generated <see cref="DigitCnn"/>: TorchSharp vs ONNX Runtime.</summary>
public class InferenceBenchmarks : InferenceComparison
{
    [Params(1, 64)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkSetup.ConfigureTorch();
        var model = new DigitCnn();
        Prepare(model, torch.tensor(BenchmarkSetup.RandomInput(BatchSize * 64), [BatchSize, 1, 8, 8]), path => model.ExportOnnx(path));
    }
}
