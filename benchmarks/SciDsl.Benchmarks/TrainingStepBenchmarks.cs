using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;
using SciDsl.Samples.Digits;

namespace SciDsl.Benchmarks;

/// <summary>
/// One training step (zero_grad, forward, cross-entropy on fixed random labels, backward; no optimizer
/// step) at batch 64: the hand-written module against the generated one with identical weights.
/// </summary>
public class TrainingStepBenchmarks
{
    public const int BatchSize = 64;

    private HandWrittenDigitCnn handWritten = null!;
    private DigitCnn generated = null!;
    private Tensor input = null!;
    private Tensor labels = null!;

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkSetup.ConfigureTorch();
        generated = new DigitCnn();
        handWritten = new HandWrittenDigitCnn();
        BenchmarkSetup.CopyParameters(generated, handWritten);
        generated.train();
        handWritten.train();
        input = torch.tensor(BenchmarkSetup.RandomInput(BatchSize * 64), [BatchSize, 1, 8, 8]);
        labels = torch.randint(0, 10, [BatchSize], dtype: ScalarType.Int64);
    }

    [Benchmark(Baseline = true)]
    public void HandWritten() => Step(handWritten);

    [Benchmark]
    public void Generated() => Step(generated);

    private void Step(nn.Module<Tensor, Tensor> model)
    {
        // Every tensor made in the step (activations, logits, loss) is freed when the step ends.
        using var scope = torch.NewDisposeScope();
        model.zero_grad();
        var logits = model.forward(input);
        var loss = nn.functional.cross_entropy(logits, labels);
        loss.backward();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        input.Dispose();
        labels.Dispose();
        handWritten.Dispose();
        generated.Dispose();
    }
}
