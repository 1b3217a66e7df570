using SciDsl.Tests.Training;
using TorchSharp;

namespace SciDsl.Tests.Data;

/// <summary>CSV with a header: named label and feature columns, class names as labels, and the errors for each.</summary>
public sealed class CsvHeaderTests : IDisposable
{
    private const string Flowers =
        "id,sepal,petal,species\n" +
        "a1,5.1,1.4,setosa\n" +
        "a2,7.0,4.7,versicolor\n" +
        "a3,6.3,6.0,virginica\n" +
        "a4,4.9,1.5,setosa\n";

    private static readonly CsvOptions ByName = new() { HasHeader = true, LabelColumnName = "species", FeatureColumns = ["petal", "sepal"] };

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string Write(string name, string text)
    {
        string path = temp.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Named_columns_are_read_in_the_order_given_and_a_text_column_not_asked_for_is_skipped()
    {
        var data = CsvData.Load(Write("flowers.csv", Flowers), ByName);

        Assert.Equal([4L, 2L], data.Features.shape);
        Assert.Equal([1.4f, 5.1f, 4.7f, 7.0f, 6.0f, 6.3f, 1.5f, 4.9f], data.Features.data<float>().ToArray());
    }

    [Fact]
    public void Class_names_become_indices_in_name_order_and_the_mapping_is_kept()
    {
        var data = CsvData.Load(Write("flowers.csv", Flowers), ByName);

        Assert.Equal([0L, 1L, 2L, 0L], data.Targets.data<long>().ToArray());
        Assert.Equal(["setosa", "versicolor", "virginica"], data.Classes!.Names);
        Assert.Equal("virginica", data.Classes.NameOf(data.Targets[2].item<long>()));
    }

    [Fact]
    public void Declared_class_names_fix_the_indices()
    {
        var data = CsvData.Load(Write("flowers.csv", Flowers), ByName with { ClassNames = ["virginica", "versicolor", "setosa"] });

        Assert.Equal([2L, 1L, 0L, 2L], data.Targets.data<long>().ToArray());
        Assert.Equal("setosa", data.Classes!.NameOf(2));
    }

    [Fact]
    public void A_label_outside_the_declared_class_names_names_its_line_and_column()
    {
        string path = Write("flowers.csv", Flowers);

        var error = Assert.Throws<DataFormatException>(() => CsvData.Load(path, ByName with { ClassNames = ["setosa", "virginica"] }));

        Assert.Equal(3, error.Line);
        Assert.Equal(4, error.Column);
        Assert.Equal("versicolor", error.Text);
        Assert.Contains("not one of the classes in CsvOptions.ClassNames (setosa, virginica)", error.Message);
    }

    [Fact]
    public void Without_feature_columns_every_other_column_must_be_a_number_and_a_text_one_names_line_and_column()
    {
        string path = Write("flowers.csv", Flowers);

        var error = Assert.Throws<DataFormatException>(() => CsvData.Load(path, new CsvOptions { HasHeader = true, LabelColumnName = "species" }));

        Assert.Equal($"{path}, line 2, column 1: not a number: 'a1'.", error.Message);
    }

    [Fact]
    public void Numeric_labels_stay_class_indices_without_names()
    {
        var data = CsvData.Load(Write("numbers.csv", "f,label\n0.5,2\n1.5,0\n"), new CsvOptions { HasHeader = true, LabelColumnName = "label" });

        Assert.Equal([2L, 0L], data.Targets.data<long>().ToArray());
        Assert.Null(data.Classes);
    }

    [Fact]
    public void A_row_with_a_different_column_count_than_the_header_names_its_line()
    {
        string path = Write("short.csv", "a,b,label\n1,2\n");

        var error = Assert.Throws<DataFormatException>(() => CsvData.Load(path, new CsvOptions { HasHeader = true, LabelColumnName = "label" }));

        Assert.Equal(2, error.Line);
        Assert.Contains("2 columns but the header has 3", error.Message);
    }

    [Fact]
    public void Naming_a_column_that_is_not_in_the_header_lists_the_header()
    {
        string path = Write("flowers.csv", Flowers);

        var error = Assert.Throws<ArgumentException>(() => CsvData.Load(path, ByName with { LabelColumnName = "kind" }));

        Assert.Contains("Column 'kind' does not exist", error.Message);
        Assert.Contains("its header has id, sepal, petal, species", error.Message);
    }

    [Fact]
    public void Naming_a_column_without_a_header_says_to_set_HasHeader()
    {
        string path = Write("plain.csv", "1,2,0\n3,4,1\n");

        var error = Assert.Throws<ArgumentException>(() => CsvData.Load(path, new CsvOptions { LabelColumnName = "label" }));

        Assert.Contains("CsvOptions.HasHeader = true", error.Message);
    }

    [Fact]
    public void A_header_and_nothing_else_is_no_data()
    {
        string path = Write("empty.csv", "a,b,label\n");

        var error = Assert.Throws<DataFormatException>(() => CsvData.Load(path, new CsvOptions { HasHeader = true }));

        Assert.Contains("no data after skipping 0 lines and the header", error.Message);
    }

    [Fact]
    public void Unlabelled_rows_take_only_the_feature_columns()
    {
        var samples = CsvData.LoadUnlabelled(Write("flowers.csv", Flowers), new CsvOptions { HasHeader = true, FeatureColumns = ["sepal"] });

        Assert.False(samples.IsLabelled);
        Assert.Equal([5.1f, 7.0f, 6.3f, 4.9f], samples["x"].data<float>().ToArray());
    }

    [Fact]
    public void Value_labels_that_are_not_numbers_name_line_and_column()
    {
        string path = Write("values.csv", "x,y\n1,2.5\n2,high\n");

        var error = Assert.Throws<DataFormatException>(() => CsvData.Load(path, new CsvOptions { HasHeader = true, LabelColumnName = "y", Labels = TargetKind.Value }));

        Assert.Equal((3, 2, "high"), (error.Line, error.Column, error.Text));
    }

    [Fact]
    public void A_single_class_name_is_a_format_error_naming_the_file()
    {
        string path = Write("one.csv", "x,kind\n1,a\n2,a\n");

        var error = Assert.Throws<DataFormatException>(() => CsvData.Load(path, new CsvOptions { HasHeader = true, LabelColumnName = "kind" }));

        Assert.Equal($"{path}: A classification needs at least 2 classes, got 1 (a).", error.Message);
    }

    [Fact]
    public void Features_checked_against_the_declaration_name_the_file_and_both_shapes()
    {
        string path = Write("flowers.csv", Flowers);
        var signature = new DatasetSignature(new TensorSignature("x", TensorElementType.Float32, ["3"]), TargetKind.Class, 3);

        var error = Assert.Throws<DataShapeException>(() => signature.Check(SampleSet.From(CsvData.Load(path, ByName)), path));

        Assert.StartsWith(path + ":", error.Message);
        Assert.Equal("'x' float32 [3] per sample", error.Expected);
        Assert.Equal("'x' as float32 [4, 2], so one sample has dim 1 is 2 instead of 3", error.Actual);
    }

    [Fact]
    public void Loaded_class_names_pass_a_matching_declaration()
    {
        var data = CsvData.Load(Write("flowers.csv", Flowers), ByName);
        var signature = new DatasetSignature(new TensorSignature("x", TensorElementType.Float32, ["2"]), TargetKind.Class, 3);

        var checkedData = signature.Check(SampleSet.From(data), "flowers.csv");

        Assert.Equal(data.Classes, checkedData.Classes);
        Assert.Equal(torch.ScalarType.Int64, checkedData.Targets!.dtype);
    }
}
