using TorchSharp;
using TorchSharp.Modules;

namespace SciDsl;

/// <summary>
/// A self-supervised model's representation (its first output, flattened per sample) followed by a linear
/// classification head: what <see cref="SelfSupervisedResult{TModel}.FineTune"/> trains.
/// </summary>
public sealed class EncoderClassifier : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    private readonly torch.nn.Module<torch.Tensor, (torch.Tensor, torch.Tensor)> encoder;
    private readonly Linear head;

    /// <param name="features">Representation values per sample.</param>
    public EncoderClassifier(torch.nn.Module<torch.Tensor, (torch.Tensor, torch.Tensor)> encoder, long features, int classes)
        : base(nameof(EncoderClassifier))
    {
        this.encoder = encoder;
        head = torch.nn.Linear(features, classes);
        RegisterComponents();
    }

    /// <summary>
    /// A classifier whose head is fitted (full-batch Adam on the cross-entropy) to the frozen
    /// <paramref name="representation"/> of labelled samples, so fine-tuning starts from a linear probe.
    /// </summary>
    /// <param name="representation">The encoder's output for the labelled samples, [n, ...].</param>
    /// <param name="labels">Their class indices [n].</param>
    public static EncoderClassifier WithProbedHead(
        torch.nn.Module<torch.Tensor, (torch.Tensor, torch.Tensor)> encoder, torch.Tensor representation, torch.Tensor labels, int classes, int steps = 300)
    {
        var classifier = new EncoderClassifier(encoder, representation[0].numel(), classes);
        using var scope = torch.NewDisposeScope();
        var features = representation.flatten(1).detach();
        using var optimizer = torch.optim.Adam(classifier.head.parameters(), 0.01);
        for (int step = 0; step < steps; step++)
        {
            optimizer.zero_grad();
            torch.nn.functional.cross_entropy(classifier.head.forward(features), labels).backward();
            optimizer.step();
        }
        return classifier;
    }

    public override torch.Tensor forward(torch.Tensor input) => head.forward(encoder.forward(input).Item1.flatten(1));
}
