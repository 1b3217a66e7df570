using SciDsl.Onnx;
using SciDsl.Onnx.Proto;
using static TorchSharp.torch;
using DataType = SciDsl.Onnx.Proto.TensorProto.Types.DataType;

namespace SciDsl.Tests.Onnx;

/// <summary>The model proto the builder produces: header, shapes, initializers, node wiring and its validation.</summary>
public sealed class OnnxGraphBuilderTests
{
    private static readonly ModelSignature Conv = new("ConvNet",
        [new("x", TensorElementType.Float32, ["B", "1", "H", "W"])],
        [new("y", TensorElementType.Float32, ["B", "8", "(H - 3) / 2 + 1", "28"])]);

    [Theory]
    [InlineData(13, 7)]
    [InlineData(14, 7)]
    [InlineData(15, 8)]
    [InlineData(17, 8)]
    [InlineData(18, 8)]
    [InlineData(19, 9)]
    [InlineData(20, 9)]
    [InlineData(21, 10)]
    public void Opset_selects_its_ir_version(int opset, long irVersion)
    {
        ModelProto model = PassThrough(new OnnxExportOptions { Opset = opset }).Build();

        Assert.Equal(irVersion, model.IrVersion);
        var import = Assert.Single(model.OpsetImport);
        Assert.Equal("", import.Domain);
        Assert.Equal(opset, import.Version);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(22)]
    public void Opset_out_of_range_is_refused(int opset)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxExportOptions { Opset = opset });
        Assert.Contains($"opset {opset}", error.Message);
    }

    [Fact]
    public void Default_model_header_names_producer_graph_and_signature()
    {
        var options = new OnnxExportOptions
        {
            ProducerVersion = "1.2.3",
            DocString = "for tests",
            Metadata = new Dictionary<string, string> { ["zeta"] = "last", ["author"] = "lab" },
        };
        ModelProto model = PassThrough(options).Build();

        Assert.Equal(8, model.IrVersion);
        Assert.Equal("SciDsl", model.ProducerName);
        Assert.Equal("1.2.3", model.ProducerVersion);
        Assert.Equal("for tests", model.DocString);
        Assert.Equal("ConvNet", model.Graph.Name);
        Assert.Equal(
            [("signature", Conv.ToString()), ("author", "lab"), ("zeta", "last")],
            model.MetadataProps.Select(entry => (entry.Key, entry.Value)));
    }

    [Fact]
    public void Reserved_signature_metadata_key_is_refused()
    {
        var options = new OnnxExportOptions { Metadata = new Dictionary<string, string> { ["signature"] = "mine" } };

        Assert.Throws<ArgumentException>(() => new OnnxGraphBuilder(Conv, options));
    }

    [Fact]
    public void Integer_dims_become_dim_value_and_symbolic_dims_dim_param()
    {
        ModelProto model = PassThrough().Build();

        var input = Assert.Single(model.Graph.Input);
        Assert.Equal("x", input.Name);
        Assert.Equal((int)DataType.Float, input.Type.TensorType.ElemType);
        Assert.Equal(["param:B", "value:1", "param:H", "param:W"], input.Type.TensorType.Shape.Dim.Select(Describe));
        var output = Assert.Single(model.Graph.Output);
        Assert.Equal(["param:B", "value:8", "param:(H - 3) / 2 + 1", "value:28"], output.Type.TensorType.Shape.Dim.Select(Describe));
    }

    [Theory]
    [InlineData(TensorElementType.Float64, DataType.Double)]
    [InlineData(TensorElementType.Int64, DataType.Int64)]
    [InlineData(TensorElementType.Bool, DataType.Bool)]
    public void Input_element_type_maps_to_onnx(TensorElementType type, DataType expected)
    {
        var signature = new ModelSignature("Typed", [new("x", type, ["B"])], [new("x", type, ["B"])]);
        var onnx = new OnnxGraphBuilder(signature);
        onnx.Output(signature.Outputs[0], onnx.Input(signature.Inputs[0]));

        Assert.Equal((int)expected, onnx.Build().Graph.Input[0].Type.TensorType.ElemType);
    }

    [Fact]
    public void Parameter_copies_values_little_endian_and_transposes_on_request()
    {
        var onnx = PassThrough();
        using var weight = tensor(new float[] { 1, 2, 3, 4, 5, 6 }).reshape(2, 3);
        onnx.Parameter("w", weight);
        onnx.Parameter("w_t", weight, transpose: true);
        weight.add_(100); // later training must not change what was exported

        var initializers = onnx.Build().Graph.Initializer.ToDictionary(tensor => tensor.Name);
        Assert.Equal([2L, 3L], initializers["w"].Dims);
        Assert.Equal((int)DataType.Float, initializers["w"].DataType);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], Floats(initializers["w"]));
        Assert.Equal([3L, 2L], initializers["w_t"].Dims);
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], Floats(initializers["w_t"]));
    }

    [Fact]
    public void Parameter_keeps_float64_and_int64_dtypes_and_refuses_others()
    {
        var onnx = PassThrough();
        onnx.Parameter("doubles", tensor(new double[] { 0.5, -2 }));
        onnx.Parameter("longs", tensor(new long[] { 7, -1, 3 }));

        var initializers = onnx.Build().Graph.Initializer.ToDictionary(tensor => tensor.Name);
        Assert.Equal((int)DataType.Double, initializers["doubles"].DataType);
        Assert.Equal([0.5, -2.0], Enumerable.Range(0, 2).Select(i => BitConverter.ToDouble(initializers["doubles"].RawData.Span[(8 * i)..])));
        Assert.Equal((int)DataType.Int64, initializers["longs"].DataType);
        Assert.Equal([7L, -1L, 3L], Enumerable.Range(0, 3).Select(i => BitConverter.ToInt64(initializers["longs"].RawData.Span[(8 * i)..])));
        Assert.Throws<ArgumentException>(() => onnx.Parameter("ints", tensor(new int[] { 1 })));
        Assert.Throws<ArgumentException>(() => onnx.Parameter("bias_t", ones(3), transpose: true));
    }

    [Fact]
    public void Same_parameter_twice_is_stored_once_but_a_different_one_under_that_name_is_refused()
    {
        var onnx = PassThrough();
        using var weight = ones(2, 2);

        Assert.Equal("shared.weight", onnx.Parameter("shared.weight", weight));
        Assert.Equal("shared.weight", onnx.Parameter("shared.weight", weight));
        Assert.Single(onnx.Build().Graph.Initializer);
        var error = Assert.Throws<InvalidOperationException>(() => onnx.Parameter("shared.weight", zeros(2, 2)));
        Assert.Contains("shared.weight", error.Message);
    }

    [Fact]
    public void Constants_have_their_declared_types_and_shapes()
    {
        var onnx = PassThrough();
        onnx.Constant("shape", 0, -1);
        onnx.Constant("scale", 0.5f);
        onnx.Constant("grid", [1f, 2f, 3f, 4f], [2, 2]);

        var initializers = onnx.Build().Graph.Initializer.ToDictionary(tensor => tensor.Name);
        Assert.Equal((int)DataType.Int64, initializers["shape"].DataType);
        Assert.Equal([2L], initializers["shape"].Dims);
        Assert.Empty(initializers["scale"].Dims);
        Assert.Equal([0.5f], Floats(initializers["scale"]));
        Assert.Equal([2L, 2L], initializers["grid"].Dims);
        Assert.Throws<ArgumentException>(() => onnx.Constant("bad", [1f, 2f, 3f], [2, 2]));
    }

    [Fact]
    public void Attributes_carry_their_onnx_types_and_values()
    {
        var onnx = PassThrough();
        onnx.Node("Fake", "node", ["x"],
            OnnxAttribute.Int("i", 3), OnnxAttribute.Ints("is", 1, 2), OnnxAttribute.Float("f", 0.25f),
            OnnxAttribute.Floats("fs", 0.5f, 1.5f), OnnxAttribute.String("s", "nearest"));

        var attributes = onnx.Build().Graph.Node.Single(node => node.Name == "node").Attribute.ToDictionary(attribute => attribute.Name);
        Assert.Equal((AttributeProto.Types.AttributeType.Int, 3L), (attributes["i"].Type, attributes["i"].I));
        Assert.Equal(AttributeProto.Types.AttributeType.Ints, attributes["is"].Type);
        Assert.Equal([1L, 2L], attributes["is"].Ints);
        Assert.Equal((AttributeProto.Types.AttributeType.Float, 0.25f), (attributes["f"].Type, attributes["f"].F));
        Assert.Equal(AttributeProto.Types.AttributeType.Floats, attributes["fs"].Type);
        Assert.Equal([0.5f, 1.5f], attributes["fs"].Floats);
        Assert.Equal((AttributeProto.Types.AttributeType.String, "nearest"), (attributes["s"].Type, attributes["s"].S.ToStringUtf8()));
        Assert.Equal("fs=[0.5, 1.5]", OnnxAttribute.Floats("fs", 0.5f, 1.5f).ToString());
    }

    [Fact]
    public void Attributes_are_immutable_after_creation()
    {
        long[] pads = [1, 1];
        var attribute = OnnxAttribute.Ints("pads", pads);
        pads[0] = 9;

        Assert.Equal("pads=[1, 1]", attribute.ToString());
    }

    [Fact]
    public void Multi_output_node_names_its_outputs_and_accepts_an_omitted_optional_input()
    {
        var onnx = new OnnxGraphBuilder(Conv);
        string x = onnx.Input(Conv.Inputs[0]);

        var outputs = onnx.Node("Split", "split", [x, ""], outputCount: 3, OnnxAttribute.Int("axis", 1));
        onnx.Output(Conv.Outputs[0], outputs[2]);

        Assert.Equal(["split", "split_1", "split_2"], outputs);
        var nodes = onnx.Build().Graph.Node;
        Assert.Equal(["split", "split_1", "split_2"], nodes[0].Output);
        Assert.Equal(["x", ""], nodes[0].Input);
    }

    [Fact]
    public void Output_with_a_different_value_name_gets_an_Identity_node()
    {
        var onnx = new OnnxGraphBuilder(Conv);
        string x = onnx.Node("Relu", "relu_1", [onnx.Input(Conv.Inputs[0])]);
        onnx.Output(Conv.Outputs[0], x);

        var identity = onnx.Build().Graph.Node.Last();
        Assert.Equal(("Identity", "relu_1", "y"), (identity.OpType, identity.Input.Single(), identity.Output.Single()));
    }

    [Fact]
    public void Duplicate_node_name_is_refused_naming_it()
    {
        var onnx = new OnnxGraphBuilder(Conv);
        string x = onnx.Node("Relu", "relu_1", [onnx.Input(Conv.Inputs[0])]);

        var error = Assert.Throws<InvalidOperationException>(() => onnx.Node("Relu", "relu_1", [x]));
        Assert.Contains("'relu_1'", error.Message);
    }

    [Fact]
    public void Node_output_clashing_with_an_input_name_is_refused()
    {
        var onnx = new OnnxGraphBuilder(Conv);
        string x = onnx.Input(Conv.Inputs[0]);

        var error = Assert.Throws<InvalidOperationException>(() => onnx.Node("Relu", "x", [x]));
        Assert.Contains("'x'", error.Message);
    }

    [Fact]
    public void Node_reading_an_undefined_value_fails_Build_naming_node_and_value()
    {
        var onnx = new OnnxGraphBuilder(Conv);
        string x = onnx.Input(Conv.Inputs[0]);
        x = onnx.Node("Add", "add_1", [x, "conv2d_9.bias"]);
        onnx.Output(Conv.Outputs[0], x);

        var error = Assert.Throws<InvalidOperationException>(() => onnx.Build());
        Assert.Contains("'add_1'", error.Message);
        Assert.Contains("'conv2d_9.bias'", error.Message);
    }

    [Fact]
    public void Node_reading_a_later_node_output_fails_Build()
    {
        var onnx = new OnnxGraphBuilder(Conv);
        string x = onnx.Input(Conv.Inputs[0]);
        onnx.Node("Add", "early", [x, "late"]);
        onnx.Node("Relu", "late", [x]);
        onnx.Output(Conv.Outputs[0], "late");

        var error = Assert.Throws<InvalidOperationException>(() => onnx.Build());
        Assert.Contains("'early'", error.Message);
    }

    [Fact]
    public void Graph_without_outputs_fails_Build()
    {
        var onnx = new OnnxGraphBuilder(Conv);
        onnx.Node("Relu", "relu_1", [onnx.Input(Conv.Inputs[0])]);

        Assert.Throws<InvalidOperationException>(() => onnx.Build());
    }

    [Fact]
    public void Output_named_like_no_value_fails_Build()
    {
        var onnx = new OnnxGraphBuilder(Conv);
        onnx.Input(Conv.Inputs[0]);
        onnx.Output(Conv.Outputs[0], "y");

        var error = Assert.Throws<InvalidOperationException>(() => onnx.Build());
        Assert.Contains("'y'", error.Message);
    }

    /// <summary>A valid model (x copied to y) that a test can add initializers and nodes to.</summary>
    private static OnnxGraphBuilder PassThrough(OnnxExportOptions? options = null)
    {
        var onnx = new OnnxGraphBuilder(Conv, options);
        onnx.Output(Conv.Outputs[0], onnx.Input(Conv.Inputs[0]));
        return onnx;
    }

    private static string Describe(TensorShapeProto.Types.Dimension dim) =>
        dim.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam ? $"param:{dim.DimParam}" : $"value:{dim.DimValue}";

    private static float[] Floats(TensorProto tensor) =>
        Enumerable.Range(0, tensor.RawData.Length / 4).Select(i => BitConverter.ToSingle(tensor.RawData.Span[(4 * i)..])).ToArray();
}
