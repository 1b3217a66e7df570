using SciDsl.Interpretability;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Interpretability;

/// <summary>
/// Occlusion and feature ablation score their perturbed copies chunkSize rows per forward pass: the chunk size changes
/// the number of passes, not the attributions, and an input the model ignores still scores exactly 0.
/// </summary>
public sealed class ChunkedPerturbationTests
{
    private static readonly long[] Window = { 1, 2, 2 };
    private static readonly long[] Stride = { 1, 1, 1 };

    [Fact]
    public void Occlusion_gives_the_same_map_for_every_chunk_size()
    {
        using var scope = NewDisposeScope();
        var model = SmallCnn();
        torch.manual_seed(41);
        var x = randn(3, 1, 6, 6);

        var byDefault = Occlusion.Compute(model, x, 1, Window, Stride);

        Assert.True(byDefault.abs().max().item<float>() > 1e-3);
        foreach (int chunkSize in new[] { 1, 7 })
            Close(byDefault, Occlusion.Compute(model, x, 1, Window, Stride, chunkSize: chunkSize));
    }

    [Fact]
    public void Occlusion_of_two_inputs_gives_the_same_maps_for_every_chunk_size()
    {
        using var scope = NewDisposeScope();
        var model = new TwoInputTanhMlp(seed: 42);
        torch.manual_seed(43);
        var inputs = new ModelInputs(("x1", randn(5, 4)), ("x2", randn(5, 3)));

        var byDefault = Occlusion.Compute(model, inputs, 2, new long[] { 2 }, new long[] { 1 });

        foreach (int chunkSize in new[] { 1, 7 })
        {
            var chunked = Occlusion.Compute(model, inputs, 2, new long[] { 2 }, new long[] { 1 }, chunkSize: chunkSize);
            Close(byDefault["x1"], chunked["x1"]);
            Close(byDefault["x2"], chunked["x2"]);
        }
    }

    [Fact]
    public void Feature_ablation_gives_the_same_attributions_for_every_chunk_size()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(44);
        var model = nn.Sequential(nn.Linear(6, 8), nn.Tanh(), nn.Linear(8, 3));
        var x = randn(5, 6);

        var byDefault = FeatureAblation.Compute(model, x, 1, baselineValue: 0.25);

        Assert.True(byDefault.abs().max().item<float>() > 1e-3);
        foreach (int chunkSize in new[] { 1, 7 })
            Close(byDefault, FeatureAblation.Compute(model, x, 1, baselineValue: 0.25, chunkSize: chunkSize));
    }

    [Fact]
    public void Feature_ablation_of_two_inputs_gives_the_same_attributions_for_every_chunk_size()
    {
        using var scope = NewDisposeScope();
        var model = new TwoInputTanhMlp(seed: 45);
        torch.manual_seed(46);
        var inputs = new ModelInputs(("x1", randn(5, 4)), ("x2", randn(5, 3)));

        var byDefault = FeatureAblation.Compute(model, inputs, 0);

        foreach (int chunkSize in new[] { 1, 7 })
        {
            var chunked = FeatureAblation.Compute(model, inputs, 0, chunkSize: chunkSize);
            Close(byDefault["x1"], chunked["x1"]);
            Close(byDefault["x2"], chunked["x2"]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(256)]
    public void Features_and_windows_the_model_ignores_score_exactly_zero_at_any_chunk_size(int chunkSize)
    {
        using var scope = NewDisposeScope();
        // Target 0 reads only the first 3 of 8 features.
        torch.manual_seed(47);
        var first = nn.Linear(8, 5);
        using (no_grad())
            first.weight![TensorIndex.Colon, TensorIndex.Slice(3)] = tensor(0f);
        var model = nn.Sequential(first, nn.Tanh(), nn.Linear(5, 2));
        var x = randn(6, 8);

        var ablation = FeatureAblation.Compute(model, x, 0, chunkSize: chunkSize);
        var occlusion = Occlusion.Compute(model, x, 0, new long[] { 2 }, new long[] { 2 }, chunkSize: chunkSize);

        Assert.Equal(0, ablation[TensorIndex.Colon, TensorIndex.Slice(3)].abs().max().item<float>());
        Assert.Equal(0, occlusion[TensorIndex.Colon, TensorIndex.Slice(4)].abs().max().item<float>());
        Assert.True(ablation[TensorIndex.Colon, TensorIndex.Slice(0, 3)].abs().min().item<float>() > 1e-6);
    }

    [Fact]
    public void Occlusion_scores_all_window_positions_in_passes_of_at_most_chunk_size_perturbed_rows()
    {
        using var scope = NewDisposeScope();
        var model = new PassCounter(SmallCnn());
        torch.manual_seed(48);
        var x = randn(3, 1, 6, 6);

        // 25 window positions × 3 samples = 75 occluded rows; each pass adds at most the 3 clean samples.
        Occlusion.Compute(model, x, 1, Window, Stride, chunkSize: 20);
        Assert.Equal(4, model.Passes.Count);
        Assert.All(model.Passes, rows => Assert.True(rows <= 20 + 3, $"a pass of {rows} rows"));

        model.Passes.Clear();
        Occlusion.Compute(model, x, 1, Window, Stride);
        Assert.Single(model.Passes);
    }

    [Fact]
    public void Feature_ablation_scores_its_rows_in_passes_of_at_most_chunk_size_perturbed_rows()
    {
        using var scope = NewDisposeScope();
        var model = new PassCounter(nn.Sequential(nn.Linear(6, 3)));
        var x = randn(5, 6);

        // 6 features × 5 samples = 30 ablated rows.
        FeatureAblation.Compute(model, x, 1, chunkSize: 4);

        // Chunks of 4 rows hold 4 distinct samples, so each pass adds their 4 clean rows; the last chunk holds 2.
        Assert.Equal(new long[] { 8, 8, 8, 8, 8, 8, 8, 4 }, model.Passes);
    }

    [Fact]
    public void A_chunk_size_below_one_is_rejected_naming_the_method()
    {
        using var scope = NewDisposeScope();
        var model = SmallCnn();
        var x = randn(2, 1, 6, 6);

        var occlusion = Assert.Throws<ArgumentOutOfRangeException>(() => Occlusion.Compute(model, x, 0, Window, Stride, chunkSize: 0));
        var ablation = Assert.Throws<ArgumentOutOfRangeException>(() => FeatureAblation.Compute(nn.Linear(4, 2), randn(2, 4), 0, chunkSize: -1));

        Assert.Contains("Occlusion: chunkSize must be at least 1", occlusion.Message);
        Assert.Contains("FeatureAblation: chunkSize must be at least 1", ablation.Message);
        Assert.Equal("chunkSize", occlusion.ParamName);
        Assert.Equal("chunkSize", ablation.ParamName);
    }

    [Fact]
    public void Generated_occlusion_and_feature_ablation_take_the_chunk_size()
    {
        using var scope = NewDisposeScope();
        var detector = GradCamTests.SquareDetectorWithWeights();
        var images = GradCamTests.SquaresInTopLeftQuadrant(2, seed: 10);
        torch.manual_seed(49);
        var scorer = new TabularScorer();
        var rows = randn(3, 4);

        Close(Occlusion.Compute(detector, images, 1, new long[] { 1, 4, 4 }, new long[] { 1, 2, 2 }, chunkSize: 5), detector.Occlusion(images, 1, chunkSize: 5));
        Close(FeatureAblation.Compute(scorer, rows, 2, chunkSize: 5), scorer.FeatureAblation(rows, 2, chunkSize: 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => scorer.FeatureAblation(rows, 2, chunkSize: 0));
    }

    private static nn.Module<Tensor, Tensor> SmallCnn()
    {
        torch.manual_seed(40);
        return nn.Sequential(nn.Conv2d(1, 3, 3, padding: 1), nn.ReLU(), nn.Flatten(), nn.Linear(108, 2));
    }

    private static void Close(Tensor expected, Tensor actual) =>
        Assert.True(actual.allclose(expected, rtol: 0, atol: 1e-6), $"max difference {(actual - expected).abs().max().item<float>()}");

    /// <summary>Counts the rows of each forward pass of the model it wraps.</summary>
    private sealed class PassCounter : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> inner;

        public PassCounter(nn.Module<Tensor, Tensor> inner) : base(nameof(PassCounter))
        {
            this.inner = inner;
            RegisterComponents();
        }

        public List<long> Passes { get; } = new();

        public override Tensor forward(Tensor x)
        {
            Passes.Add(x.shape[0]);
            return inner.call(x);
        }
    }
}
