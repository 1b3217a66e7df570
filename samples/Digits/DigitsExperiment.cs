namespace SciDsl.Samples.Digits;

/// <summary>Train <see cref="DigitCnn"/> on <see cref="DigitImages"/>, holding out 20 % for validation.</summary>
[Experiment(typeof(DigitCnn), typeof(DigitImages))]
[Supervised(Loss.CrossEntropy)]
[Optimizer(Optim.Adam, LearningRate = 2e-3)]
[Train(Epochs = 15, BatchSize = 32, Seed = 42, ValidationSplit = 0.2)]
public partial class DigitsExperiment;
