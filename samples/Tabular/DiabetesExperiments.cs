namespace SciDsl.Samples.Tabular;

/// <summary>
/// MSE on standardised inputs, Adam; 20 % of the patients validate (early stopping picks the best epoch by validation
/// loss), 20 % test. Both experiments share seed and split, so they see the same patients.
/// </summary>
[Experiment(typeof(DiabetesMlp), typeof(DiabetesRecords))]
[Supervised(Loss.MSE)]
[Optimizer(Optim.Adam, LearningRate = 0.003, WeightDecay = 0.0001)]
[Train(Epochs = 200, BatchSize = 32, Seed = 42, ValidationSplit = 0.2, TestSplit = 0.2, Normalize = true, Patience = 30)]
public partial class DiabetesMlpExperiment;

[Experiment(typeof(DiabetesLinear), typeof(DiabetesRecords))]
[Supervised(Loss.MSE)]
[Optimizer(Optim.Adam, LearningRate = 0.03)]
[Train(Epochs = 200, BatchSize = 32, Seed = 42, ValidationSplit = 0.2, TestSplit = 0.2, Normalize = true, Patience = 30)]
public partial class DiabetesLinearExperiment;
