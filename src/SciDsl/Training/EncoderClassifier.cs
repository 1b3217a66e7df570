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

    public override torch.Tensor forward(torch.Tensor input) => head.forward(encoder.forward(input).Item1.flatten(1));
}
