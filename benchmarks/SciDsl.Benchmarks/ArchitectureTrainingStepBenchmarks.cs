using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Benchmarks;

/// <summary>
/// One full training step (zero_grad, forward, cross-entropy on fixed random labels, backward, Adam step) at
/// batch 64 for issue 6's ResNet, LSTM classifier and Transformer classifier: the hand-written module against
/// the generated one, starting from the same state dict.
/// </summary>
public class ArchitectureTrainingStepBenchmarks
{
    public const int BatchSize = 64;

    [Params(ArchitectureCases.ResNet, ArchitectureCases.Lstm, ArchitectureCases.Transformer)]
    public string Architecture { get; set; } = ArchitectureCases.ResNet;

    private nn.Module<Tensor, Tensor> generated = null!;
    private nn.Module<Tensor, Tensor> handWritten = null!;
    private optim.Optimizer generatedOptimizer = null!;
    private optim.Optimizer handWrittenOptimizer = null!;
    private Tensor input = null!;
    private Tensor labels = null!;

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkSetup.ConfigureTorch();
        generated = ArchitectureCases.Generated(Architecture);
        handWritten = ArchitectureCases.HandWritten(Architecture, generated);
        input = ArchitectureCases.Input(Architecture, BatchSize);
        labels = ArchitectureCases.Labels(Architecture, BatchSize);
        ArchitectureCases.CheckSameOutput(handWritten, generated, input);
        generated.train();
        handWritten.train();
        generatedOptimizer = optim.Adam(generated.parameters(), lr: 1e-3);
        handWrittenOptimizer = optim.Adam(handWritten.parameters(), lr: 1e-3);
    }

    [Benchmark(Baseline = true)]
    public void HandWritten() => Step(handWritten, handWrittenOptimizer);

    [Benchmark]
    public void Generated() => Step(generated, generatedOptimizer);

    private void Step(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer)
    {
        // Every tensor made in the step (activations, logits, loss, gradients' temporaries) is freed when it ends.
        using var scope = torch.NewDisposeScope();
        optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(model.forward(input), labels);
        loss.backward();
        optimizer.step();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        generatedOptimizer.Dispose();
        handWrittenOptimizer.Dispose();
        input.Dispose();
        labels.Dispose();
        handWritten.Dispose();
        generated.Dispose();
    }
}
