using SciDsl.Onnx;
using SciDsl.Onnx.Proto;

namespace SciDsl.Tests.Onnx;

/// <summary>Save writes the whole model or nothing: failures name the path and leave no partial or temp file.</summary>
public sealed class OnnxSaveTests : IDisposable
{
    private static readonly ModelSignature Signature = new("Copy",
        [new("x", TensorElementType.Float32, ["B", "3"])], [new("y", TensorElementType.Float32, ["B", "3"])]);

    private const string PreviousContent = "previous model";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Saved_file_parses_back_to_the_built_model_with_everything_embedded()
    {
        var onnx = ValidModel();
        using var weight = TorchSharp.torch.ones(3, 3);
        onnx.Parameter("w", weight);
        string path = _directory.File("copy.onnx");

        onnx.Save(path);

        ModelProto saved = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        Assert.Equal(onnx.Build(), saved);
        Assert.Equal(36, saved.Graph.Initializer.Single().RawData.Length);
        Assert.Equal(["copy.onnx"], Directory.GetFileSystemEntries(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_into_a_missing_directory_throws_naming_the_path_and_writes_nothing()
    {
        string path = Path.Combine(_directory.Path, "missing", "model.onnx");

        var error = Assert.Throws<OnnxExportException>(() => ValidModel().Save(path));

        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message);
        Assert.Contains("does not exist", error.Message);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFileSystemEntries(_directory.Path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Save_to_an_empty_path_throws(string path)
    {
        var error = Assert.Throws<OnnxExportException>(() => ValidModel().Save(path));

        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Save_over_a_directory_fails_and_leaves_no_temp_file()
    {
        // The temp file is written, then the rename onto an unwritable target fails.
        string path = _directory.File("model.onnx");
        Directory.CreateDirectory(path);

        var error = Assert.Throws<OnnxExportException>(() => ValidModel().Save(path));

        Assert.Contains(path, error.Message);
        Assert.NotNull(error.InnerException);
        Assert.Equal(["model.onnx"], Directory.GetFileSystemEntries(_directory.Path).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFileSystemEntries(path));
    }

    [Fact]
    public void Invalid_graph_saved_over_an_existing_file_keeps_the_old_file()
    {
        string path = ExistingFile();
        var broken = new OnnxGraphBuilder(Signature);
        broken.Output(Signature.Outputs[0], broken.Node("Relu", "relu_1", ["not_defined"]));

        Assert.Throws<InvalidOperationException>(() => broken.Save(path));

        AssertOnlyTheOldFileRemains(path);
    }

    [Fact]
    public void Write_failing_half_way_keeps_the_old_file_and_removes_the_temp_file()
    {
        string path = ExistingFile();

        var error = Assert.Throws<OnnxExportException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1024]);
            throw new IOException("disk full");
        }));

        Assert.Contains("disk full", error.Message);
        AssertOnlyTheOldFileRemains(path);
    }

    [Fact]
    public void Save_replaces_an_existing_file()
    {
        string path = ExistingFile();

        ValidModel().Save(path);

        Assert.Equal("Copy", ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph.Name);
    }

    private string ExistingFile()
    {
        string path = _directory.File("model.onnx");
        File.WriteAllText(path, PreviousContent);
        return path;
    }

    private void AssertOnlyTheOldFileRemains(string path)
    {
        Assert.Equal(PreviousContent, File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(_directory.Path));
    }

    private static OnnxGraphBuilder ValidModel()
    {
        var onnx = new OnnxGraphBuilder(Signature);
        onnx.Output(Signature.Outputs[0], onnx.Node("Relu", "relu_1", [onnx.Input(Signature.Inputs[0])]));
        return onnx;
    }
}
