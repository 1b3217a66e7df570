using System.Globalization;
using SciDsl.Onnx;
using SciDsl.Onnx.Proto;
using SciDsl.Tests.Layers;
using SciDsl.Tests.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using SciDsl.Samples.Digits;

namespace SciDsl.Tests.Models;

/// <summary>The API the generator adds to a model: forward's shape guard, Signature, Summary, named layers, constructor sizes and ExportOnnx.</summary>
public sealed class GeneratedApiTests
{
    private static readonly IReadOnlyDictionary<string, (long[] Shape, ScalarType Type, string Reason)> WrongInputs =
        new Dictionary<string, (long[], ScalarType, string)>
        {
            ["wrong rank"] = ([2, 8, 8], ScalarType.Float32, "rank 3 instead of 4"),
            ["wrong fixed dim"] = ([2, 3, 8, 8], ScalarType.Float32, "dim 1 is 3, expected 1"),
            ["wrong element type"] = ([2, 1, 8, 8], ScalarType.Float64, "element type Float64 instead of Float32"),
        };

    public static TheoryData<string> WrongInputNames => new(WrongInputs.Keys);

    [Theory]
    [MemberData(nameof(WrongInputNames))]
    public void Forward_rejects_a_wrong_input_naming_model_input_and_both_shapes(string name)
    {
        var (shape, type, reason) = WrongInputs[name];
        using var model = new DigitCnn();
        using var x = torch.zeros(shape, type);

        var error = Assert.Throws<ShapeMismatchException>(() => model.forward(x));

        string actual = $"[{string.Join(", ", shape)}]";
        Assert.Equal(("DigitCnn", "x", "[B, 1, 8, 8]", actual), (error.Model, error.Input, error.Expected, error.Actual));
        Assert.Contains($"DigitCnn.forward: input 'x' must have shape [B, 1, 8, 8] but has {actual}: {reason}", error.Message);
    }

    [Fact]
    public void Two_inputs_must_agree_on_a_shared_symbol()
    {
        using var model = new TwoInputModel();
        using var x = torch.zeros(2, 4);
        using var y = torch.zeros(3, 4);

        var error = Assert.Throws<ShapeMismatchException>(() => model.forward(x, y));

        Assert.Equal(("TwoInputModel", "y", "[B, 4]", "[3, 4]"), (error.Model, error.Input, error.Expected, error.Actual));
        Assert.Contains("dim 0 (B) is 3, but B = 2 elsewhere", error.Message);
        using var agreeing = torch.zeros(2, 4);
        using var output = model.forward(x, agreeing);
        Assert.Equal([2L, 3L], output.shape);
    }

    [Fact]
    public void Signature_reads_as_declared_with_inferred_outputs()
    {
        Assert.Equal("DigitCnn(x: [B, 1, 8, 8]) -> (output: [B, 10])", DigitCnn.Signature.ToString());
        Assert.Equal("TwoInputModel(x: [B, 4]; y: [B, 4]) -> (output: [B, 3])", TwoInputModel.Signature.ToString());
        Assert.Equal("Mlp(x: [B, 16]) -> (output: [B, 3])", Mlp.Signature.ToString());
    }

    [Fact]
    public void Summary_lists_every_layer_with_its_actual_output_shape_and_the_parameter_total()
    {
        using var model = new DigitCnn();
        model.eval();
        string summary = model.Summary();
        var rows = summary.Split('\n').Select(line => line.TrimEnd('\r')).ToList();

        // DigitCnn is sequential: feeding its children in order reproduces forward, layer by layer.
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var x = torch.randn(2, 1, 8, 8);
        var children = model.named_children().ToList();
        Assert.Equal(11, children.Count);
        foreach (var (name, child) in children)
        {
            x = ((nn.Module<Tensor, Tensor>)child).forward(x);
            string shape = $"[B, {string.Join(", ", x.shape.Skip(1))}]";
            string row = Assert.Single(rows, line => line.StartsWith(name + " ", StringComparison.Ordinal));
            Assert.Contains($"  {shape}  ", row);
            Assert.EndsWith(ModelSummary.CountParameters(child).ToString("N0", CultureInfo.InvariantCulture), row);
        }

        long total = model.parameters().Sum(p => p.numel());
        Assert.Equal(320 + 18_496 + 32_896 + 1_290, total);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"total parameters: {total:N0} (trainable {total:N0})"), summary);
    }

    [Fact]
    public void Summary_shows_the_nodes_a_layer_reads_when_they_are_not_the_previous_layer()
    {
        using var model = new ResidualConcatModel();
        var rows = model.Summary().Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        string Row(string name) => Assert.Single(rows, line => line.StartsWith(name + " ", StringComparison.Ordinal));

        Assert.EndsWith("  <- x, c2", Row("residual"));
        Assert.EndsWith("  <- x, residual, c1", Row("concat_1"));
        Assert.DoesNotContain("<-", Row("c1"));     // the first layer reads the input
        Assert.DoesNotContain("<-", Row("c2"));     // reads relu_1, the layer before it

        using var heads = new TwoHeads();
        string logvar = Assert.Single(heads.Summary().Split('\n'), line => line.StartsWith("logvar ", StringComparison.Ordinal));
        Assert.EndsWith("  <- x", logvar.TrimEnd('\r'));         // reads the input, not mu before it
    }

    [Fact]
    public void A_named_layer_is_a_public_property_whose_parameters_carry_its_name()
    {
        using var model = new DigitCnn();
        Conv2d conv2 = model.conv2;

        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal([64L, 32L, 3L, 3L], parameters["conv2.weight"].shape);
        Assert.Equal([64L], parameters["conv2.bias"].shape);
        Assert.Same(conv2, model.named_children().Single(c => c.name == "conv2").module);
        Assert.Equal(conv2.weight!.Handle, parameters["conv2.weight"].Handle);

        using var directory = new TempDirectory();
        string path = directory.File("cnn.onnx");
        model.ExportOnnx(path);
        var graph = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph;
        Assert.Contains(graph.Initializer, t => t.Name == "conv2.weight");
        Assert.Contains(graph.Node, n => n.Name == "conv2" && n.OpType == "Conv");
    }

    [Fact]
    public void A_symbolic_width_becomes_a_constructor_parameter_that_sizes_the_weights_and_exports()
    {
        torch.manual_seed(5);
        using var model = new Mlp(H: 32);
        model.eval();
        Assert.Equal(32, model.H);
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal([32L, 16L], parameters["linear_1.weight"]);
        Assert.Equal([3L, 32L], parameters["linear_2.weight"]);
        Assert.Contains("[B, H]", model.Summary());
        Assert.Throws<ArgumentOutOfRangeException>(() => new Mlp(H: 0));

        using var directory = new TempDirectory();
        string path = directory.File("mlp.onnx");
        model.ExportOnnx(path);
        GeneratedModels.AssertOnnxParity(model, Mlp.Signature, path, 1, 7);
    }

    [Fact]
    public void ExportOnnx_into_a_missing_directory_throws_and_leaves_nothing()
    {
        using var model = new DigitCnn();
        using var directory = new TempDirectory();
        string path = Path.Combine(directory.Path, "missing", "cnn.onnx");

        var error = Assert.Throws<OnnxExportException>(() => model.ExportOnnx(path));

        Assert.Equal(path, error.Path);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path));
    }

    [Fact]
    public void Exported_file_has_a_dynamic_batch_named_io_and_signature_metadata()
    {
        using var model = new DigitCnn();
        using var directory = new TempDirectory();
        string path = directory.File("cnn.onnx");
        model.ExportOnnx(path, new OnnxExportOptions { Metadata = new Dictionary<string, string> { ["dataset"] = "digits" } });

        var saved = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var input = Assert.Single(saved.Graph.Input);
        var output = Assert.Single(saved.Graph.Output);
        Assert.Equal("x", input.Name);
        Assert.Equal("output", output.Name);
        Assert.Equal(["B", "", "", ""], input.Type.TensorType.Shape.Dim.Select(d => d.DimParam));
        Assert.Equal([0L, 1, 8, 8], input.Type.TensorType.Shape.Dim.Select(d => d.DimValue));
        Assert.Equal(["B", ""], output.Type.TensorType.Shape.Dim.Select(d => d.DimParam));
        Assert.Equal(10L, output.Type.TensorType.Shape.Dim[1].DimValue);

        Assert.Equal(("SciDsl", "DigitCnn", 17L), (saved.ProducerName, saved.Graph.Name, saved.OpsetImport.Single(o => o.Domain == "").Version));
        var metadata = saved.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(DigitCnn.Signature.ToString(), metadata["signature"]);
        Assert.Equal("digits", metadata["dataset"]);
    }
}
