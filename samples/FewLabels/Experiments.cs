using SciDsl.Samples.Digits;

namespace SciDsl.Samples.FewLabels;

// The same CNN, seed and labelled images in every experiment; 110 supervised epochs of 3 batches are as many labelled
// batches as 30 semi-supervised epochs of 11 steps.

[Experiment(typeof(DigitCnn), typeof(LabelledDigits))]
[Supervised(Loss.CrossEntropy)]
[Train(Epochs = 110, Seed = 0, ValidationSplit = 0)]
public partial class SupervisedOnly;

[Experiment(typeof(DigitCnn), typeof(LabelledDigits))]
[Supervised(Loss.CrossEntropy)]
[Train(Epochs = 30, Seed = 0, ValidationSplit = 0)]
[SemiSupervised(SemiSupervisedMethod.PseudoLabel, Unlabelled = typeof(UnlabelledDigits), Threshold = 0.8)]
public partial class PseudoLabelling;

[Experiment(typeof(DigitCnn), typeof(LabelledDigits))]
[Supervised(Loss.CrossEntropy)]
[Train(Epochs = 30, Seed = 0, ValidationSplit = 0)]
[SemiSupervised(SemiSupervisedMethod.FixMatch, Unlabelled = typeof(UnlabelledDigits), Threshold = 0.8)]
public partial class FixMatch;

[Experiment(typeof(DigitCnn), typeof(LabelledDigits))]
[Supervised(Loss.CrossEntropy)]
[Train(Epochs = 60, Seed = 0, ValidationSplit = 0)]
[SemiSupervised(SemiSupervisedMethod.MeanTeacher, Unlabelled = typeof(UnlabelledDigits), UnlabelledWeight = 10, RampUpEpochs = 10)]
public partial class MeanTeacher;

// SimCLR on all 1,437 training images with every label hidden, as the PyTorch reference pretrains; Program.cs then
// probes and fine-tunes the result with the 71 labels.
[Experiment(typeof(DigitSimClr), typeof(TrainingDigitsWithoutLabels))]
[Augment(CropPadding = 1, Noise = 0.1)]
[SelfSupervised(SelfSupervisedMethod.Contrastive, Encoder = "features", ProjectionHead = "proj", Temperature = 0.5)]
[Train(Epochs = 15, BatchSize = 128, Seed = 0, ValidationSplit = 0)]
public partial class SimClrPretraining;
