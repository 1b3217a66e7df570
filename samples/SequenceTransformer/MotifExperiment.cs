namespace SciDsl.Samples.SequenceTransformer;

/// <summary>Train <see cref="MotifTransformer"/> on <see cref="MotifSequences"/>, holding out 20 % for validation.</summary>
[Experiment(typeof(MotifTransformer), typeof(MotifSequences))]
[Supervised(Loss.CrossEntropy)]
[Optimizer(Optim.Adam, LearningRate = 2e-3)]
[Train(Epochs = 6, BatchSize = 64, Seed = 42, ValidationSplit = 0.2)]
public partial class MotifExperiment;
