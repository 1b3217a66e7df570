using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Composition;

/// <summary>A few Adam steps of cross-entropy on one batch: enough to see a composed model learn.</summary>
internal static class CrossEntropySteps
{
    /// <summary>Trains <paramref name="model"/> in training mode; returns the loss at the first and at the last step.</summary>
    public static (float First, float Last) Train(nn.Module<Tensor, Tensor> model, Tensor x, Tensor labels, int steps, double learningRate)
    {
        model.train();
        using var optimizer = optim.Adam(model.parameters(), lr: learningRate);
        float first = 0, last = 0;
        for (int step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.forward(x), labels);
            loss.backward();
            optimizer.step();
            last = loss.item<float>();
            if (step == 0) first = last;
        }
        return (first, last);
    }
}
