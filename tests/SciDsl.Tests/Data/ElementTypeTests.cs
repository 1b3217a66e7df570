using TorchSharp;

namespace SciDsl.Tests.Data;

/// <summary>
/// Data of another element type than declared (NumPy writes float64 and often int32 by default) is refused with the
/// conversion that fixes it.
/// </summary>
public class ElementTypeTests
{
    private static readonly DatasetSignature Classes = new(new TensorSignature("x", TensorElementType.Float32, ["4"]), TargetKind.Class, 3);
    private static readonly DatasetSignature Values = new(new TensorSignature("x", TensorElementType.Float32, ["4"]), TargetKind.Value, 1);

    [Fact]
    public void Float64_features_are_refused_saying_how_to_convert_them()
    {
        var data = new LabelledData(torch.zeros([5, 4], torch.float64), torch.zeros([5], torch.int64));

        var error = Assert.Throws<DataShapeException>(() => Classes.Check(data, "Records"));

        Assert.Contains("features float64 [5, 4]", error.Message);
        Assert.Contains(".to(torch.float32)", error.Message);
    }

    [Fact]
    public void Float64_samples_of_an_archive_are_refused_saying_how_to_convert_them()
    {
        var samples = new SampleSet([("x", torch.zeros([5, 4], torch.float64))], torch.zeros([5], torch.int64));

        var error = Assert.Throws<DataShapeException>(() => Classes.Check(samples, "iris.npz"));

        Assert.Contains("element type float64 instead of float32", error.Message);
        Assert.Contains(".to(torch.float32)", error.Message);
    }

    [Fact]
    public void Int32_class_targets_and_float64_value_targets_are_refused_saying_how_to_convert_them()
    {
        var intClasses = Assert.Throws<DataShapeException>(() => Classes.Check(new LabelledData(torch.zeros([5, 4]), torch.zeros([5], torch.int32)), "Records"));
        var doubleValues = Assert.Throws<DataShapeException>(() => Values.Check(new LabelledData(torch.zeros([5, 4]), torch.zeros([5, 1], torch.float64)), "Records"));

        Assert.Contains("targets int32 [5]", intClasses.Message);
        Assert.Contains(".to(torch.int64)", intClasses.Message);
        Assert.Contains("targets float64 [5, 1]", doubleValues.Message);
        Assert.Contains(".to(torch.float32)", doubleValues.Message);
    }

    [Fact]
    public void A_shape_mismatch_of_the_right_element_type_gets_no_conversion_advice()
    {
        var error = Assert.Throws<DataShapeException>(() => Classes.Check(new LabelledData(torch.zeros([5, 3]), torch.zeros([5], torch.int64)), "Records"));

        Assert.DoesNotContain(".to(", error.Message);
    }
}
