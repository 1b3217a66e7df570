using TorchSharp;

namespace SciDsl.Tests.Experiments;

[Model("x: B,4")]
[Linear(16), ReLU]
[Linear(3)]
public partial class IrisMlp;

[Dataset("x: 4", Target = "class: 3")]
public partial class IrisSamples : IDataSource
{
    public LabelledData Load() => CsvData.Load(Path.Combine(AppContext.BaseDirectory, "Data", "iris.csv"), new CsvOptions { SkipLines = 1 });
}

[Experiment(typeof(IrisMlp), typeof(IrisSamples))]
[Supervised(Loss.CrossEntropy)]
[Optimizer(Optim.Adam, LearningRate = 0.02)]
[Train(Epochs = 40, BatchSize = 16, Seed = 7, ValidationSplit = 0.2)]
public partial class IrisExperiment;

/// <summary>A second experiment on the same model and data, whose default checkpoint must not be IrisExperiment's.</summary>
[Experiment(typeof(IrisMlp), typeof(IrisSamples))]
[Supervised(Loss.CrossEntropy)]
[Optimizer(Optim.SGD, LearningRate = 0.05)]
[Train(Epochs = 1, BatchSize = 16, Seed = 7, ValidationSplit = 0.2)]
public partial class IrisSgdExperiment;

[Model("x: B,3")]
[Linear(1)]
public partial class LinearRegressor;

/// <summary>y = 2·x₀ − x₁ + 0.5·x₂ + 1 plus a little noise, from a fixed seed.</summary>
[Dataset("x: 3", Target = "value: 1")]
public partial class PlantedLinearSamples : IDataSource
{
    public LabelledData Load()
    {
        var random = new Random(3);
        const int count = 256;
        var x = new float[count * 3];
        var y = new float[count];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < 3; j++) x[i * 3 + j] = (float)(random.NextDouble() * 2 - 1);
            y[i] = 2 * x[i * 3] - x[i * 3 + 1] + 0.5f * x[i * 3 + 2] + 1 + (float)(random.NextDouble() - 0.5) * 0.02f;
        }
        return new LabelledData(torch.tensor(x, [count, 3]), torch.tensor(y, [count, 1]));
    }
}

[Experiment(typeof(LinearRegressor), typeof(PlantedLinearSamples))]
[Supervised(Loss.MSE)]
[Optimizer(Optim.SGD, LearningRate = 0.1, Momentum = 0.9)]
[Train(Epochs = 30, BatchSize = 32, Seed = 1, ValidationSplit = 0.25)]
public partial class RegressionExperiment;

/// <summary>Token ids → embedding → LSTM → does token 1 occur?</summary>
[Model("tokens: int64[B,T]")]
[Embedding(4, 8)]
[LSTM(16)]
[Linear(2)]
public partial class TokenOccurrenceClassifier;

/// <summary>512 sequences of 8 random ids in 0..3 from a fixed seed; the class is 1 when id 1 occurs.</summary>
[Dataset("tokens: int64[8]", Target = "class: 2")]
public partial class TokenOccurrenceSamples : IDataSource
{
    public LabelledData Load()
    {
        var generator = new torch.Generator(5);
        var tokens = torch.randint(0, 4, [512, 8], dtype: torch.int64, generator: generator);
        return new LabelledData(tokens, tokens.eq(1).any(1).to(torch.int64));
    }
}

[Experiment(typeof(TokenOccurrenceClassifier), typeof(TokenOccurrenceSamples))]
[Supervised(Loss.CrossEntropy)]
[Optimizer(Optim.Adam, LearningRate = 0.01)]
[Train(Epochs = 8, BatchSize = 32, Seed = 3, ValidationSplit = 0.25)]
public partial class TokenOccurrenceExperiment;

[Model("x: B,4")]
[Linear("H"), ReLU]
[Linear(3)]
public partial class IrisSizedMlp;

/// <summary>A model with a constructor size, a schedule, clipping and early stopping on a named metric.</summary>
[Experiment(typeof(IrisSizedMlp), typeof(IrisSamples), Sizes = "H=12")]
[Supervised(Loss.CrossEntropy, LabelSmoothing = 0.05)]
[Optimizer(Optim.Adam, LearningRate = 0.02)]
[Train(Epochs = 4, BatchSize = 16, Seed = 7, ValidationSplit = 0.2, GradientClipNorm = 5, EarlyStopping = "val_accuracy", Patience = 3)]
[Schedule(LrSchedule.Cosine, WarmupEpochs = 1)]
public partial class IrisSizedExperiment;
