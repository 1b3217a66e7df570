namespace SciDsl;

/// <summary>How training mixes pairs of samples (<see cref="TrainConfig.Mixing"/>); what <see cref="MixupAttribute"/> declares.</summary>
/// <param name="Alpha">Beta concentration of λ ~ Beta(α, α), > 0.</param>
public sealed record MixSetting(MixKind Kind, double Alpha)
{
    /// <summary>Mixes the batch and its class targets into inputs and soft targets.</summary>
    public MixedBatch Apply(TorchSharp.torch.Tensor inputs, TorchSharp.torch.Tensor targets, long classCount, TorchSharp.torch.Generator generator) => Kind switch
    {
        MixKind.CutMix => new CutMix(Alpha).Apply(inputs, targets, classCount, generator),
        _ => new Mixup(Alpha).Apply(inputs, targets, classCount, generator),
    };
}
