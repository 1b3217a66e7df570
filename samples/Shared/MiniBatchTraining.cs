using System.Diagnostics;
using System.Globalization;
using TorchSharp;

namespace SciDsl.Samples;

/// <summary>
/// The plain training loop of the samples whose targets a <c>[Supervised]</c> experiment cannot take (per-pixel
/// masks, per-node classes of a two-input graph model): Adam over shuffled mini-batches, seeded.
/// </summary>
internal static class MiniBatchTraining
{
    /// <summary>
    /// Trains <paramref name="model"/> for <paramref name="epochs"/> epochs over <paramref name="count"/> samples;
    /// <paramref name="batchLoss"/> gets a batch's sample indices and returns its loss. Prints a line per epoch;
    /// returns each epoch's mean loss.
    /// </summary>
    public static IReadOnlyList<double> Run(
        torch.nn.Module model, long count, int epochs, int batchSize, double learningRate, int seed,
        Func<torch.Tensor, torch.Tensor> batchLoss)
    {
        var clock = Stopwatch.StartNew();
        model.train();
        using var optimizer = torch.optim.Adam(model.parameters(), learningRate);
        using var shuffling = new torch.Generator((ulong)seed);
        var epochLosses = new List<double>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            double total = 0;
            using var order = torch.randperm(count, generator: shuffling);
            for (long start = 0; start < count; start += batchSize)
            {
                using var scope = torch.NewDisposeScope();
                var indices = order.narrow(0, start, Math.Min(batchSize, count - start));
                optimizer.zero_grad();
                var loss = batchLoss(indices);
                loss.backward();
                optimizer.step();
                total += loss.item<float>() * indices.shape[0];
            }
            epochLosses.Add(total / count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch + 1}/{epochs}: loss {total / count:F4} ({clock.Elapsed.TotalSeconds:F1} s)"));
        }
        model.eval();
        return epochLosses;
    }
}
