using SciDsl.Onnx;

namespace SciDsl.Tests.Onnx;

/// <summary>The specification check the layer table runs on every export catches what ONNX Runtime lets through.</summary>
public sealed class OnnxOperatorRulesTests : IDisposable
{
    private static readonly ModelSignature Features = new("Features",
        [new("x", TensorElementType.Float32, ["B", "6"])], [new("y", TensorElementType.Float32, ["B", "1"])]);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(13, "LayerNormalization ('norm') exists only from opset 17, but the file declares opset 13")]
    [InlineData(16, "LayerNormalization ('norm') exists only from opset 17, but the file declares opset 16")]
    [InlineData(17, null)]
    public void Operator_newer_than_the_file_opset_is_reported(int opset, string? violation)
    {
        string path = Save(opset, onnx => onnx.Node("LayerNormalization", "norm", [onnx.Input(Features.Inputs[0])]));

        Assert.Equal(violation is null ? [] : [violation], OnnxOperatorRules.Violations(path));
    }

    [Theory]
    [InlineData(17, true, null)]
    [InlineData(18, true, "ReduceMean ('mean') takes 'axes' as an input from opset 18, not as an attribute (file opset 18)")]
    [InlineData(17, false, "ReduceMean ('mean') takes 'axes' as an attribute before opset 18, not as an input (file opset 17)")]
    [InlineData(18, false, null)]
    public void Reduction_axes_follow_the_file_opset(int opset, bool axesAsAttribute, string? violation)
    {
        string path = Save(opset, onnx =>
        {
            string x = onnx.Input(Features.Inputs[0]);
            return axesAsAttribute
                ? onnx.Node("ReduceMean", "mean", [x], OnnxAttribute.Ints("axes", -1))
                : onnx.Node("ReduceMean", "mean", [x, onnx.Constant("axes", -1)]);
        });

        Assert.Equal(violation is null ? [] : [violation], OnnxOperatorRules.Violations(path));
    }

    [Fact]
    public void Operator_missing_from_the_table_is_reported_not_passed()
    {
        string path = Save(17, onnx => onnx.Node("Celu", "celu", [onnx.Input(Features.Inputs[0])]));

        Assert.Contains("Celu ('celu') is not in this table", Assert.Single(OnnxOperatorRules.Violations(path)));
    }

    private string Save(int opset, Func<OnnxGraphBuilder, string> body)
    {
        var onnx = new OnnxGraphBuilder(Features, new OnnxExportOptions { Opset = opset });
        onnx.Output(Features.Outputs[0], body(onnx));
        string path = _directory.File($"opset{opset}.onnx");
        onnx.Save(path);
        return path;
    }
}
