using TorchSharp;

namespace SciDsl.Tests.Data;

/// <summary>A graph data set declared with two inputs per sample and no target: the generator's signature, checked at load.</summary>
[Dataset("x: N,4; adj: N,N")]
public partial class TinyGraphs : ISampleSource
{
    public torch.Tensor Adjacency { get; init; } = torch.ones(3, 5, 5);

    public SampleSet LoadSamples() => new([("adj", Adjacency), ("x", torch.zeros(3, 5, 4))]);
}

public sealed class SampleSetTests
{
    private static readonly TensorSignature Image = new("x", TensorElementType.Float32, ["1", "8", "8"]);
    private static readonly DatasetSignature Digits = new(Image, TargetKind.Class, 10);

    [Fact]
    public void In_memory_tensors_pass_the_declaration_and_keep_their_values()
    {
        var x = torch.rand(6, 1, 8, 8);
        var y = torch.tensor(new long[] { 0, 1, 2, 3, 4, 9 });

        var data = Digits.Check(TensorData.From(x, y), "memory");

        Assert.Equal(6, data.Count);
        Assert.True(data.IsLabelled);
        Assert.Equal(x.data<float>().ToArray(), data["x"].data<float>().ToArray());
        Assert.Equal([0L, 1, 2, 3, 4, 9], data.Targets!.data<long>().ToArray());
    }

    [Fact]
    public void In_memory_tensors_of_another_shape_name_the_input_and_both_shapes()
    {
        var error = Assert.Throws<DataShapeException>(() => Digits.Check(TensorData.From(torch.zeros(6, 1, 8, 7), torch.zeros(6, dtype: torch.int64)), "memory"));

        Assert.Contains("'x' float32 [1, 8, 8] per sample", error.Expected);
        Assert.Contains("float32 [6, 1, 8, 7]", error.Actual);
        Assert.Contains("dim 3 is 7 instead of 8", error.Message);
        Assert.StartsWith("memory:", error.Message);
    }

    [Fact]
    public void Stacking_samples_names_the_index_of_one_with_another_shape()
    {
        var samples = new[] { torch.zeros(1, 8, 8), torch.zeros(1, 8, 8), torch.zeros(1, 8, 7) };

        var error = Assert.Throws<DataShapeException>(() => TensorData.Stack(samples, Image, "scans.bin"));

        Assert.Contains("sample 2 of 'x' as float32 [1, 8, 7]", error.Message);
        Assert.Contains("[1, 8, 8]", error.Expected);
        Assert.StartsWith("scans.bin:", error.Message);
    }

    [Fact]
    public void Stacking_samples_of_the_declared_shape_gives_n_by_sample()
    {
        var stacked = TensorData.Stack([torch.full(1, 8, 8, 1f), torch.full(1, 8, 8, 2f)], Image, "memory");

        Assert.Equal([2L, 1, 8, 8], stacked.shape);
        Assert.Equal(2f, stacked[1, 0, 7, 7].item<float>());
    }

    [Fact]
    public void Stacking_symbolic_dims_still_needs_equal_shapes()
    {
        var sequence = new TensorSignature("x", TensorElementType.Float32, ["T", "3"]);

        var error = Assert.Throws<DataShapeException>(() => TensorData.Stack([torch.zeros(5, 3), torch.zeros(4, 3)], sequence, "memory"));

        Assert.Contains("sample 1", error.Message);
        Assert.Contains("differs from sample 0's float32 [5, 3]", error.Message);
    }

    [Fact]
    public void Generated_graph_signature_checks_every_input_in_declared_order()
    {
        var signature = TinyGraphs.Signature;

        var data = signature.Check(new TinyGraphs().LoadSamples(), nameof(TinyGraphs));

        Assert.Equal(["x", "adj"], signature.Inputs.Select(i => i.Name));
        Assert.Equal(TargetKind.None, signature.Target);
        Assert.Equal(["x", "adj"], data.InputNames);
        Assert.False(data.IsLabelled);
    }

    [Fact]
    public void A_graph_whose_adjacency_is_not_square_names_adj_and_its_shape()
    {
        var graphs = new TinyGraphs { Adjacency = torch.ones(3, 5, 6) };

        var error = Assert.Throws<DataShapeException>(() => TinyGraphs.Signature.Check(graphs.LoadSamples(), nameof(TinyGraphs)));

        Assert.Contains("'adj' float32 [N, N] per sample", error.Expected);
        Assert.Contains("'adj' as float32 [3, 5, 6], so one sample has dim 2 is 6 but N is 5", error.Actual);
    }

    [Fact]
    public void A_missing_input_lists_the_declared_and_loaded_names()
    {
        var error = Assert.Throws<DataShapeException>(() => TinyGraphs.Signature.Check(TensorData.Unlabelled(torch.zeros(3, 5, 4)), "graphs"));

        Assert.Equal("inputs x, adj", error.Expected);
        Assert.Equal("inputs x", error.Actual);
    }

    [Fact]
    public void Unlabelled_declaration_rejects_targets_and_labelled_declaration_rejects_their_absence()
    {
        var labelled = new SampleSet([("x", torch.zeros(3, 5, 4)), ("adj", torch.zeros(3, 5, 5))], torch.zeros(3, dtype: torch.int64));

        var extra = Assert.Throws<DataShapeException>(() => TinyGraphs.Signature.Check(labelled, "graphs"));
        var missing = Assert.Throws<DataShapeException>(() => Digits.Check(TensorData.Unlabelled(torch.zeros(2, 1, 8, 8)), "digits"));

        Assert.Contains("WithoutTargets()", extra.Message);
        Assert.True(TinyGraphs.Signature.Check(labelled.WithoutTargets(), "graphs").Targets is null);
        Assert.Equal("unlabelled samples", missing.Actual);
    }

    [Fact]
    public void Class_names_must_match_the_declared_class_count()
    {
        var data = TensorData.From(torch.zeros(2, 1, 8, 8), torch.tensor(new long[] { 0, 1 }), new ClassLabels(["cat", "dog"]));

        var error = Assert.Throws<DataShapeException>(() => Digits.Check(data, "pets"));

        Assert.Contains("10 classes as declared", error.Expected);
        Assert.Equal("2 class names (cat, dog)", error.Actual);
    }

    [Fact]
    public void Inputs_and_targets_must_agree_on_the_sample_count()
    {
        var inputs = Assert.Throws<ArgumentException>(() => new SampleSet([("x", torch.zeros(3, 4)), ("adj", torch.zeros(2, 4, 4))]));
        var targets = Assert.Throws<ArgumentException>(() => TensorData.From(torch.zeros(3, 4), torch.zeros(4, dtype: torch.int64)));

        Assert.Contains("Input 'adj' has 2 samples but 'x' has 3", inputs.Message);
        Assert.Contains("The targets have 4 rows but the inputs have 3 samples", targets.Message);
    }

    [Fact]
    public void Select_takes_the_same_rows_of_every_input_and_the_targets()
    {
        var data = new SampleSet([("x", torch.arange(4, dtype: torch.float32).reshape(4, 1)), ("adj", torch.arange(4, dtype: torch.float32).reshape(4, 1) * 10)],
            torch.tensor(new long[] { 0, 1, 0, 1 }), new ClassLabels(["a", "b"]));

        var picked = data.Select([3, 0]);

        Assert.Equal([3f, 0f], picked["x"].data<float>().ToArray());
        Assert.Equal([30f, 0f], picked["adj"].data<float>().ToArray());
        Assert.Equal([1L, 0L], picked.Targets!.data<long>().ToArray());
        Assert.Same(data.Classes, picked.Classes);
        Assert.Throws<InvalidOperationException>(() => picked.ToLabelled());
    }

    [Fact]
    public void Class_labels_map_indices_and_names_both_ways_and_reject_repeats()
    {
        var classes = ClassLabels.FromLabels(["virginica", "setosa", "versicolor", "setosa"]);

        Assert.Equal(["setosa", "versicolor", "virginica"], classes.Names);
        Assert.Equal(2, classes.IndexOf("virginica"));
        Assert.Null(classes.IndexOf("rosa"));
        Assert.Equal("versicolor", classes.NameOf(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => classes.NameOf(3));
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => new ClassLabels(["a", "b", "a"])).Message);
    }
}
