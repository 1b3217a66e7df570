namespace SciDsl.Samples.DnaMotifs;

/// <summary>Trains <see cref="MotifCnn"/> on <see cref="PlantedMotifSequences"/>, holding out 25 % for validation.</summary>
[Experiment(typeof(MotifCnn), typeof(PlantedMotifSequences))]
[Supervised(Loss.CrossEntropy)]
[Optimizer(Optim.Adam, LearningRate = 1e-2)]
[Train(Epochs = 8, BatchSize = 64, Seed = 42, ValidationSplit = 0.25)]
public partial class MotifCnnExperiment;

/// <summary>Trains <see cref="MotifDanQ"/> on the same sequences and the same held-out quarter.</summary>
[Experiment(typeof(MotifDanQ), typeof(PlantedMotifSequences))]
[Supervised(Loss.CrossEntropy)]
[Optimizer(Optim.Adam, LearningRate = 1e-2)]
[Train(Epochs = 8, BatchSize = 64, Seed = 42, ValidationSplit = 0.25)]
public partial class MotifDanQExperiment;
