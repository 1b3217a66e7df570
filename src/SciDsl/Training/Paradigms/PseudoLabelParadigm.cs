using TorchSharp;
using TorchSharp.Modules;

namespace SciDsl;

/// <summary>
/// Pseudo-labelling (Lee, 2013): each step adds to the labelled cross-entropy the cross-entropy of the unlabelled
/// samples against the model's own eval-mode predictions, for those predicted with confidence at least
/// <see cref="SemiSupervisedSettings.Threshold"/>, weighted by λ(epoch) ramped up linearly from 0.
/// </summary>
internal sealed class PseudoLabelParadigm(
    TrainConfig config,
    torch.nn.Module<torch.Tensor, torch.Tensor> model,
    DataSplit split,
    torch.Tensor unlabelled,
    SemiSupervisedSettings settings,
    OptimizerHelper optimizer,
    SupervisedParadigm supervised) : SemiSupervisedParadigm(config, split, unlabelled, settings, supervised)
{
    public override IReadOnlyList<torch.nn.Module> Modules { get; } = [model];
    public override IReadOnlyList<OptimizerHelper> Optimizers { get; } = [optimizer];

    public override BatchResult TrainStep(SemiSupervisedBatch batch, TrainingStep step)
    {
        var (labelledFeatures, targets, unlabelledFeatures) = Select(batch);
        var (pseudoLabels, confident) = PseudoLabels(unlabelledFeatures);

        var output = model.forward(torch.cat([labelledFeatures, unlabelledFeatures], 0));
        var labelledOutput = output.narrow(0, 0, batch.Labelled.Length);
        var unlabelledOutput = output.narrow(0, batch.Labelled.Length, batch.Unlabelled.Length);
        // Averaged over the whole unlabelled batch, so the term grows with the share of confident samples.
        var unlabelledLoss = (torch.nn.functional.cross_entropy(unlabelledOutput, pseudoLabels, reduction: torch.nn.Reduction.None) * confident).mean();
        double loss = step.Minimise(optimizer, LabelledLoss(labelledOutput, targets) + UnlabelledWeight * unlabelledLoss, model.parameters());
        return new BatchResult(loss, batch.Labelled.Length, Correct(labelledOutput, targets));
    }

    /// <summary>The model's own classes for the unlabelled samples, from an eval-mode pass (no dropout), and a 0/1 mask of the confident ones.</summary>
    private (torch.Tensor Labels, torch.Tensor Confident) PseudoLabels(torch.Tensor features)
    {
        model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            var (confidence, labels) = torch.nn.functional.softmax(model.forward(features), 1).max(1);
            return (labels, confidence.ge(Settings.Threshold).to_type(torch.ScalarType.Float32));
        }
        finally
        {
            model.train();
        }
    }
}
