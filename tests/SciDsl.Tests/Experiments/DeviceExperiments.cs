namespace SciDsl.Tests.Experiments;

/// <summary>The iris experiment pinned to the CPU in its declaration.</summary>
[Experiment(typeof(IrisMlp), typeof(IrisSamples))]
[Supervised(Loss.CrossEntropy)]
[Optimizer(Optim.Adam, LearningRate = 0.02)]
[Train(Epochs = 3, BatchSize = 16, Seed = 7, ValidationSplit = 0.2, Device = ComputeDevice.Cpu)]
public partial class IrisOnCpuExperiment;

/// <summary>The iris experiment asking for a GPU, which the tests' CPU backend does not have.</summary>
[Experiment(typeof(IrisMlp), typeof(IrisSamples))]
[Supervised(Loss.CrossEntropy)]
[Optimizer(Optim.Adam, LearningRate = 0.02)]
[Train(Epochs = 3, BatchSize = 16, Seed = 7, ValidationSplit = 0.2, Device = ComputeDevice.Cuda)]
public partial class IrisOnCudaExperiment;
