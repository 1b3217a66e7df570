using TorchSharp;
using TorchSharp.Modules;

namespace SciDsl;

/// <summary>
/// FixMatch (Sohn et al., 2020): the model's class for a weakly augmented view of an unlabelled sample, where its
/// softmax probability is at least <see cref="SemiSupervisedSettings.Threshold"/>, is the cross-entropy target for a
/// strongly augmented view of the same sample, weighted by λ(epoch). Labelled samples are weakly augmented. All three
/// views go through one training-mode pass, as in the paper; the weak view's prediction is not back-propagated.
/// </summary>
internal sealed class FixMatchParadigm(
    TrainConfig config,
    torch.nn.Module<torch.Tensor, torch.Tensor> model,
    DataSplit split,
    torch.Tensor unlabelled,
    SemiSupervisedSettings settings,
    IAugmentation weak,
    IAugmentation strong,
    OptimizerHelper optimizer,
    SupervisedParadigm supervised) : SemiSupervisedParadigm(config, split, unlabelled, settings, supervised)
{
    public override IReadOnlyList<torch.nn.Module> Modules { get; } = [model];
    public override IReadOnlyList<OptimizerHelper> Optimizers { get; } = [optimizer];

    public override BatchResult TrainStep(SemiSupervisedBatch batch, TrainingStep step)
    {
        var (labelledFeatures, targets, unlabelledFeatures) = Select(batch);
        using var generator = AugmentationGenerator(step);
        var views = torch.cat([weak.Apply(labelledFeatures, generator), weak.Apply(unlabelledFeatures, generator), strong.Apply(unlabelledFeatures, generator)], 0);

        var output = model.forward(views);
        long labelledCount = batch.Labelled.Length, unlabelledCount = batch.Unlabelled.Length;
        var labelledOutput = output.narrow(0, 0, labelledCount);
        var (confidence, pseudoLabels) = torch.nn.functional.softmax(output.narrow(0, labelledCount, unlabelledCount).detach(), 1).max(1);
        var confident = confidence.ge(Settings.Threshold).to_type(torch.ScalarType.Float32);
        var strongOutput = output.narrow(0, labelledCount + unlabelledCount, unlabelledCount);
        // Averaged over the whole unlabelled batch, so the term grows with the share of confident samples.
        var unlabelledLoss = (torch.nn.functional.cross_entropy(strongOutput, pseudoLabels, reduction: torch.nn.Reduction.None) * confident).mean();
        double loss = step.Minimise(optimizer, LabelledLoss(labelledOutput, targets) + UnlabelledWeight * unlabelledLoss, model.parameters());
        return new BatchResult(loss, labelledCount, Correct(labelledOutput, targets));
    }
}
