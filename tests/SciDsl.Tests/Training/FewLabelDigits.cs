using SciDsl.Samples.Digits;
using SciDsl.Samples.FewLabels;
using TorchSharp;

namespace SciDsl.Tests.Training;

/// <summary>The digits cut by the fixed split: labelled 71, unlabelled 1366 (their labels dropped), test 360.</summary>
internal sealed record FewLabelDigits(FixedData Labelled, torch.Tensor Unlabelled, (torch.Tensor Features, torch.Tensor Targets) Test)
{
    public static Lazy<FewLabelDigits> Shared { get; } = new(Load);

    /// <summary>The share of the test digits the model classifies right, in eval mode.</summary>
    public double TestAccuracy(torch.nn.Module<torch.Tensor, torch.Tensor> model)
    {
        var (features, targets) = Test;
        model.eval();
        using var noGrad = torch.no_grad();
        return model.forward(features).argmax(1).eq(targets).to_type(torch.ScalarType.Float32).mean().item<float>();
    }

    /// <summary>Trains the Digits sample's CNN on the labelled and unlabelled parts.</summary>
    public TrainingResult<DigitCnn> Train(TrainConfig config, SemiSupervisedSettings settings, TrainOptions options) =>
        SemiSupervisedTrainer.Run(config, () => new DigitCnn(), Labelled, Unlabelled, DigitImages.Signature, options, settings);

    private static FewLabelDigits Load() => new(
        new FixedData(FixedSplit.Features("labelled"), FixedSplit.Targets("labelled")),
        FixedSplit.Features("unlabelled"),
        (FixedSplit.Features("test"), FixedSplit.Targets("test")));
}
