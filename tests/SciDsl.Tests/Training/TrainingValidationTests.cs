using TorchSharp;
using static SciDsl.Tests.Training.TrainingAssertions;

namespace SciDsl.Tests.Training;

/// <summary>Bad configurations and data fail early with messages that say what to fix.</summary>
public sealed class TrainingValidationTests : IDisposable
{
    private static readonly TrainConfig Valid = new(Loss.CrossEntropy, Optim.Adam, Epochs: 1, BatchSize: 8, ValidationSplit: 0.2);
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    public static TheoryData<TrainConfig, string> BadConfigs => new()
    {
        { Valid with { Epochs = 0 }, "Epochs" },
        { Valid with { BatchSize = -1 }, "BatchSize" },
        { Valid with { LearningRate = 0 }, "LearningRate" },
        { Valid with { LearningRate = double.NaN }, "LearningRate" },
        { Valid with { ValidationSplit = 1 }, "ValidationSplit" },
        { Valid with { ValidationSplit = -0.1 }, "ValidationSplit" },
        { Valid with { Momentum = -1 }, "Momentum" },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void Bad_config_throws_argument_exception_naming_the_field(TrainConfig config, string field)
    {
        var error = Assert.Throws<ArgumentException>(() => Train(config, new IrisData()));

        Assert.Equal(field, error.ParamName);
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void Data_set_too_small_for_the_split_is_explained()
    {
        var twoSamples = new FixedData(torch.zeros(2, 4), torch.zeros(2, dtype: torch.int64));

        var error = Assert.Throws<ArgumentException>(() => Train(Valid, twoSamples));

        Assert.Contains("FixedData has 2 samples", error.Message);
        Assert.Contains("ValidationSplit = 0.2", error.Message);
    }

    [Fact]
    public void Wrong_feature_shape_throws_data_shape_exception_naming_source_expected_and_loaded()
    {
        var flat = new FixedData(torch.zeros(10, 5), torch.zeros(10, dtype: torch.int64));

        var error = Assert.Throws<DataShapeException>(() => Train(Valid, flat));

        Assert.Equal("FixedData", error.DataSource);
        Assert.Contains("FixedData.Load()", error.Message);
        Assert.Contains("features float32 [N, 4]", error.Message);
        Assert.Contains("float32 [10, 5]", error.Message);
    }

    [Fact]
    public void Class_index_out_of_range_throws_data_shape_exception()
    {
        var labels = torch.tensor(new long[] { 0, 1, 2, 3 });

        var error = Assert.Throws<DataShapeException>(() => IrisData.Signature.Check(new LabelledData(torch.zeros(4, 4), labels), "Iris"));

        Assert.Contains("[0, 3)", error.Message);
        Assert.Contains("from 0 to 3", error.Message);
    }

    [Fact]
    public void Float_class_targets_are_rejected()
    {
        var error = Assert.Throws<DataShapeException>(() => IrisData.Signature.Check(new LabelledData(torch.zeros(4, 4), torch.zeros(4)), "Iris"));

        Assert.Contains("targets int64 [4]", error.Expected);
        Assert.Contains("float32 [4]", error.Actual);
    }

    [Fact]
    public void Single_value_targets_of_shape_n_are_reshaped_to_n_by_1()
    {
        var checkedData = LinearData.Signature.Check(new LabelledData(torch.zeros(6, 3), torch.zeros(6)), "Linear");

        Assert.Equal([6L, 1L], checkedData.Targets.shape);
    }

    [Fact]
    public void Loss_that_does_not_fit_the_target_kind_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Train(Valid with { Loss = Loss.MSE }, new IrisData()));

        Assert.Contains("Loss.MSE needs value targets", error.Message);
    }

    [Fact]
    public void Model_head_that_does_not_fit_the_classes_is_explained()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            SupervisedTrainer.Run(Valid, () => new Mlp(4, 8, 5), new IrisData(), IrisData.Signature, Quiet(temp.File("head.ckpt"))));

        Assert.Contains("Mlp outputs [8, 5]", error.Message);
        Assert.Contains("[B, 3] (3 class logits)", error.Message);
    }

    private TrainingResult<Mlp> Train(TrainConfig config, IDataSource data) =>
        SupervisedTrainer.Run(config, () => new Mlp(4, 8, 3), data, IrisData.Signature, Quiet(temp.File("v.ckpt")));
}
