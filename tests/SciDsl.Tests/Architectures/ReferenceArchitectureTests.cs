using SciDsl.Onnx;
using SciDsl.Tests.Graphs;
using SciDsl.Tests.Layers;
using SciDsl.Tests.Onnx;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace SciDsl.Tests.Architectures;

/// <summary>
/// Issue 6's reference architectures of <c>ReferenceArchitectures.cs</c>: each trains a few steps on a small
/// synthetic task with the loss clearly falling, and its ONNX export matches ONNX Runtime at opsets 13, 17
/// and 21, batch 1 and 7.
/// </summary>
public sealed class ReferenceArchitectureTests(ITestOutputHelper output)
{
    /// <summary>Images of one filled disc each (random centre and radius) on a <paramref name="size"/>² grid: 1 inside, 0 outside.</summary>
    private static Tensor Discs(long count, long size)
    {
        var coordinates = arange(size, dtype: ScalarType.Float32);
        var rows = coordinates.view(1, size, 1);
        var columns = coordinates.view(1, 1, size);
        var centreRow = (rand(count) * size).view(count, 1, 1);
        var centreColumn = (rand(count) * size).view(count, 1, 1);
        var radius = (rand(count) * 0.25f + 0.1f).mul(size).view(count, 1, 1);
        var inside = (rows - centreRow).square() + (columns - centreColumn).square() < radius.square();
        return inside.to_type(ScalarType.Float32).unsqueeze(1);
    }

    [Fact]
    public void UNet_segments_noisy_discs_and_matches_onnx_runtime()
    {
        torch.manual_seed(61);
        using var model = new TinyUNet();

        var losses = Train(model, steps: 40, lr: 0.01, () =>
        {
            var masks = Discs(16, 32);
            var images = masks + randn_like(masks) * 0.5f;
            return nn.functional.binary_cross_entropy_with_logits(model.forward(images), masks);
        });

        AssertDecreases(nameof(TinyUNet), losses);
        ReferenceGraphModelTests.AssertExportMatches(model, TinyUNet.Signature);
    }

    /// <summary>One-hot DNA of <paramref name="length"/> bases; label 1 sequences carry the motif ACGTAC at a random place.</summary>
    private static (Tensor X, Tensor Labels) PlantedMotifs(long count, long length)
    {
        var motif = tensor(new long[] { 0, 1, 2, 3, 0, 1 });
        var bases = randint(0, 4, [count, length]);
        var labels = randint(0, 2, [count]);
        var positions = randint(0, length - motif.shape[0] + 1, [count, 1]) + arange(motif.shape[0]);
        var planted = bases.scatter(1, positions, motif.expand(count, -1));
        bases = where(labels.eq(1).unsqueeze(1), planted, bases);
        var x = nn.functional.one_hot(bases, 4).permute(0, 2, 1).to_type(ScalarType.Float32);
        return (x, labels);
    }

    [Fact]
    public void DanQ_finds_a_planted_motif_and_matches_onnx_runtime_at_two_lengths()
    {
        torch.manual_seed(62);
        using var model = new DanQ();

        var losses = Train(model, steps: 60, lr: 0.01, () =>
        {
            var (x, labels) = PlantedMotifs(32, 24);
            return nn.functional.cross_entropy(model.forward(x), labels);
        });

        AssertDecreases(nameof(DanQ), losses);
        model.eval();
        using var directory = new TempDirectory();
        foreach (int opset in Opsets)
        {
            string path = directory.File($"danq{opset}.onnx");
            model.ExportOnnx(path, new OnnxExportOptions { Opset = opset });
            OnnxOperatorRules.AssertValid(path);
            GeneratedModels.AssertOnnxParity(model, DanQ.Signature, path, [1, 7], [20, 31],
                shape => nn.functional.one_hot(randint(0, 4, [shape[0], shape[2]]), 4).permute(0, 2, 1).to_type(ScalarType.Float32));
        }
    }

    [Fact]
    public void Autoencoder_reconstructs_discs_and_matches_onnx_runtime()
    {
        torch.manual_seed(63);
        using var model = new ConvAutoencoder();

        var losses = Train(model, steps: 60, lr: 0.02, () =>
        {
            var images = Discs(16, 16);
            return nn.functional.mse_loss(model.forward(images), images);
        });

        AssertDecreases(nameof(ConvAutoencoder), losses);
        ReferenceGraphModelTests.AssertExportMatches(model, ConvAutoencoder.Signature);
    }

    [Fact]
    public void Super_resolution_upsamples_discs_with_pixel_shuffle_and_matches_onnx_runtime()
    {
        torch.manual_seed(64);
        using var model = new SuperResolution();

        var losses = Train(model, steps: 40, lr: 0.01, () =>
        {
            var highResolution = Discs(16, 16);
            var lowResolution = nn.functional.avg_pool2d(highResolution, 2);
            return nn.functional.mse_loss(model.forward(lowResolution), highResolution);
        });

        AssertDecreases(nameof(SuperResolution), losses);
        Assert.Equal("SuperResolution(x: [B, 1, 8, 8]) -> (output: [B, 1, 16, 16])", SuperResolution.Signature.ToString());
        ReferenceGraphModelTests.AssertExportMatches(model, SuperResolution.Signature);
    }

    /// <summary>
    /// Alternating Adam steps on the standard non-saturating GAN losses, real data being discs scaled to [-1, 1].
    /// The discriminator, starting at chance (loss ≈ 2·ln 2), must soon tell real from fake; the generator's loss,
    /// which rises as the discriminator learns, must stay finite, and both models must export.
    /// </summary>
    [Fact]
    public void Gan_pair_trains_alternately_without_nan_and_the_discriminator_separates_real_from_fake()
    {
        torch.manual_seed(65);
        using var generator = new GanGenerator();
        using var discriminator = new GanDiscriminator();
        generator.train();
        discriminator.train();
        using var generatorOptimizer = optim.Adam(generator.parameters(), lr: 0.002);
        using var discriminatorOptimizer = optim.Adam(discriminator.parameters(), lr: 0.002);
        var discriminatorLosses = new List<double>();
        var generatorLosses = new List<double>();

        for (int step = 0; step < 30; step++)
        {
            using var scope = NewDisposeScope();
            var real = Discs(32, 8) * 2 - 1;
            var ones = torch.ones(32, 1);
            var zeros = torch.zeros(32, 1);

            discriminatorOptimizer.zero_grad();
            var fake = generator.forward(randn(32, 8)).detach();
            var discriminatorLoss = nn.functional.binary_cross_entropy_with_logits(discriminator.forward(real), ones)
                + nn.functional.binary_cross_entropy_with_logits(discriminator.forward(fake), zeros);
            discriminatorLoss.backward();
            discriminatorOptimizer.step();

            generatorOptimizer.zero_grad();
            var generatorLoss = nn.functional.binary_cross_entropy_with_logits(discriminator.forward(generator.forward(randn(32, 8))), ones);
            generatorLoss.backward();
            generatorOptimizer.step();

            discriminatorLosses.Add(discriminatorLoss.item<float>());
            generatorLosses.Add(generatorLoss.item<float>());
        }

        output.WriteLine($"discriminator: {string.Join(" ", discriminatorLosses.Select(l => l.ToString("F3")))}");
        output.WriteLine($"generator:     {string.Join(" ", generatorLosses.Select(l => l.ToString("F3")))}");
        Assert.All(discriminatorLosses.Concat(generatorLosses), loss => Assert.True(double.IsFinite(loss), $"loss {loss}"));
        Assert.InRange(discriminatorLosses[0], 1.2, 1.6);
        AssertDecreases("GanDiscriminator", discriminatorLosses);
        Assert.True(generatorLosses.TakeLast(5).Average() > generatorLosses.Take(5).Average(),
            "the generator's loss should rise while the discriminator learns to separate real from fake");

        using (no_grad())
        {
            discriminator.eval();
            generator.eval();
            var realScores = discriminator.forward(Discs(64, 8) * 2 - 1);
            var fakeScores = discriminator.forward(generator.forward(randn(64, 8)));
            Assert.True(realScores.mean().item<float>() > fakeScores.mean().item<float>(), "real images should score above fakes");
        }
        ReferenceGraphModelTests.AssertExportMatches(generator, GanGenerator.Signature);
        ReferenceGraphModelTests.AssertExportMatches(discriminator, GanDiscriminator.Signature);
    }

    private static readonly int[] Opsets = [OnnxExportOptions.MinOpset, 17, OnnxExportOptions.MaxOpset];

    /// <summary>Adam on fresh batches from <paramref name="loss"/>; returns every step's loss.</summary>
    private static List<double> Train(nn.Module model, int steps, double lr, Func<Tensor> loss)
    {
        model.train();
        using var optimizer = optim.Adam(model.parameters(), lr: lr);
        var losses = new List<double>();
        for (int step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var value = loss();
            value.backward();
            optimizer.step();
            losses.Add(value.item<float>());
        }
        return losses;
    }

    /// <summary>The mean of the last five losses is below 0.8× that of the first five (single batches are noisy).</summary>
    private void AssertDecreases(string model, List<double> losses)
    {
        double first = losses.Take(5).Average(), last = losses.TakeLast(5).Average();
        output.WriteLine($"{model}: loss {first:F4} -> {last:F4}");
        Assert.True(last < 0.8 * first, $"{model}: mean loss of the first five steps {first}, of the last five {last}");
    }
}
