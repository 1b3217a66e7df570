namespace SciDsl.Samples.DomainShift;

/// <summary>The baseline: <see cref="ShiftNet"/> trained on the source instrument alone.</summary>
[Experiment(typeof(ShiftNet), typeof(SourceDigits))]
[Supervised(Loss.CrossEntropy)]
[Optimizer(Optim.Adam, LearningRate = 1e-3)]
[Train(Epochs = 20, BatchSize = 32, Seed = 0, ValidationSplit = 0)]
public partial class SourceOnly;

/// <summary>The same training, plus DANN on the <c>features</c> layer against the unlabelled images of the second instrument.</summary>
[Experiment(typeof(ShiftNet), typeof(SourceDigits))]
[DomainAdaptation(Adaptation.Dann, FeatureLayer = "features", Target = typeof(ShiftedDigits))]
[Optimizer(Optim.Adam, LearningRate = 1e-3)]
[Train(Epochs = 20, BatchSize = 32, Seed = 0, ValidationSplit = 0)]
public partial class DannAdapted;

/// <summary>The same training, plus Deep CORAL on the <c>features</c> layer against the unlabelled images of the second instrument.</summary>
[Experiment(typeof(ShiftNet), typeof(SourceDigits))]
[DomainAdaptation(Adaptation.Coral, FeatureLayer = "features", Target = typeof(ShiftedDigits))]
[Optimizer(Optim.Adam, LearningRate = 1e-3)]
[Train(Epochs = 20, BatchSize = 32, Seed = 0, ValidationSplit = 0)]
public partial class CoralAdapted;
