using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SciDsl.Tests.Training;

/// <summary>A hand-written two-layer perceptron, standing in for a generated model.</summary>
public sealed class Mlp : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> layers;

    public Mlp(int inputs, int hidden, int outputs) : base(nameof(Mlp))
    {
        layers = Sequential(Linear(inputs, hidden), ReLU(), Linear(hidden, outputs));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => layers.forward(input);
}

/// <summary>Outputs zeros whatever its input, so its loss never improves (for early stopping).</summary>
public sealed class ConstantModel : Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Parameter weight;

    public ConstantModel(int outputs) : base(nameof(ConstantModel))
    {
        weight = Parameter(zeros(1, outputs));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => weight.expand(input.shape[0], -1) * 0;
}

/// <summary>Iris from the copy beside the tests: 150 samples, 4 features, 3 classes.</summary>
public sealed class IrisData : IDataSource
{
    public static DatasetSignature Signature { get; } = new(new TensorSignature("x", TensorElementType.Float32, ["4"]), TargetKind.Class, 3);

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "Data", "iris.csv");

    public LabelledData Load() => CsvData.Load(FilePath, new CsvOptions { SkipLines = 1 });
}

/// <summary>y = 2·x₀ − x₁ + 0.5·x₂ + 1 with a little noise, from a fixed seed.</summary>
public sealed class LinearData(int count = 200) : IDataSource
{
    public static DatasetSignature Signature { get; } = new(new TensorSignature("x", TensorElementType.Float32, ["3"]), TargetKind.Value, 1);

    public LabelledData Load()
    {
        var random = new Random(7);
        var x = new float[count * 3];
        var y = new float[count];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < 3; j++) x[i * 3 + j] = (float)(random.NextDouble() * 2 - 1);
            y[i] = 2 * x[i * 3] - x[i * 3 + 1] + 0.5f * x[i * 3 + 2] + 1 + (float)(random.NextDouble() - 0.5) * 0.05f;
        }
        return new LabelledData(tensor(x, [count, 3]), tensor(y));
    }
}

/// <summary>Returns the given tensors; for shape and edge cases.</summary>
public sealed class FixedData(Tensor features, Tensor targets) : IDataSource
{
    public ClassLabels? Classes { get; init; }

    public LabelledData Load() => new(features, targets) { Classes = Classes };
}

/// <summary>A fresh directory for checkpoints, deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("scidsl-tests-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
