using BenchmarkDotNet.Attributes;

namespace SciDsl.Benchmarks;

/// <summary>Inference on issue 6's generated ResNet, LSTM classifier and Transformer classifier: TorchSharp vs ONNX Runtime.</summary>
public class ArchitectureInferenceBenchmarks : InferenceComparison
{
    [Params(ArchitectureCases.ResNet, ArchitectureCases.Lstm, ArchitectureCases.Transformer)]
    public string Architecture { get; set; } = ArchitectureCases.ResNet;

    [Params(1, 64)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkSetup.ConfigureTorch();
        var model = ArchitectureCases.Generated(Architecture);
        Prepare(model, ArchitectureCases.Input(Architecture, BatchSize), path => ArchitectureCases.ExportOnnx(model, path));
    }
}
