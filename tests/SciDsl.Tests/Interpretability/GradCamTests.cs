using SciDsl.Interpretability;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace SciDsl.Tests.Interpretability;

/// <summary>Grad-CAM against a model whose evidence sits in a known region, its side effects and its errors.</summary>
public sealed class GradCamTests(ITestOutputHelper output)
{
    [Fact]
    public void Grad_cam_puts_at_least_80_percent_of_its_mass_in_the_region_holding_the_evidence()
    {
        using var scope = NewDisposeScope();
        var model = SquareDetectorWithWeights();
        var x = SquaresInTopLeftQuadrant(count: 12, seed: 3);

        var map = GradCam.Compute(model, x, target: 1, layer: "features");

        Assert.Equal(new long[] { 12, 16, 16 }, map.shape);
        Assert.True(map.min().item<float>() >= 0, "Grad-CAM maps are ReLU'd");
        var inRegion = map[.., ..8, ..8].sum(new long[] { 1, 2 }) / map.sum(new long[] { 1, 2 });
        for (int i = 0; i < 12; i++)
            output.WriteLine($"sample {i}: {inRegion[i].item<float>():P1} of the map in the evidence region");
        Assert.True(inRegion.min().item<float>() >= 0.8f, $"smallest share in the region {inRegion.min().item<float>():P1}");
    }

    [Fact]
    public void Bad_input_names_the_method_the_argument_and_the_sizes()
    {
        using var scope = NewDisposeScope();
        var model = SquareDetectorWithWeights();
        var x = SquaresInTopLeftQuadrant(2, seed: 4);
        var withNan = x.clone();
        withNan[1, 0, 3, 3] = tensor(float.NaN);

        var target = Assert.ThrowsAny<ArgumentException>(() => GradCam.Compute(model, x, target: 2, layer: "features"));
        var shape = Assert.ThrowsAny<ArgumentException>(() => GradCam.Compute(model, randn(2, 256), target: 1, layer: "features"));
        var unknown = Assert.ThrowsAny<ArgumentException>(() => GradCam.Compute(model, x, target: 1, layer: "featuers"));
        var notAMap = Assert.ThrowsAny<ArgumentException>(() => GradCam.Compute(model, x, target: 1, layer: "head"));
        var nan = Assert.ThrowsAny<ArgumentException>(() => GradCam.Compute(model, withNan, target: 1, layer: "features"));

        Assert.Contains("GradCam: target 2 is outside the model's output width 2", target.Message);
        Assert.Contains("GradCam: x has shape [2, 256]", shape.Message);
        Assert.Contains("[B, C, H, W]", shape.Message);
        Assert.Contains("GradCam: the model has no layer 'featuers'", unknown.Message);
        Assert.Contains("did you mean 'features'?", unknown.Message);
        Assert.Contains("GradCam: layer 'head' outputs [2, 2]", notAMap.Message);
        Assert.Contains("GradCam: x of shape [2, 1, 16, 16] contains NaN", nan.Message);
    }

    [Fact]
    public void Grad_cam_on_a_conv1d_layer_puts_at_least_80_percent_of_its_mass_on_the_region_of_the_sequence_holding_the_evidence()
    {
        using var scope = NewDisposeScope();
        var model = RunDetectorWithWeights();
        var x = RunsInSecondQuarter(count: 12, seed: 3);

        var map = model.GradCam(x, target: 1);

        Assert.Equal(new long[] { 12, 32 }, map.shape);
        Assert.True(map.min().item<float>() >= 0, "Grad-CAM maps are ReLU'd");
        var inRegion = map[.., 8..16].sum(1) / map.sum(1);
        for (int i = 0; i < 12; i++)
            output.WriteLine($"sample {i}: {inRegion[i].item<float>():P1} of the map in the evidence region");
        Assert.True(inRegion.min().item<float>() >= 0.8f, $"smallest share in the region {inRegion.min().item<float>():P1}");
    }

    [Fact]
    public void Grad_cam_on_a_conv3d_layer_maps_each_volume_to_its_depth_height_and_width_and_finds_the_evidence()
    {
        using var scope = NewDisposeScope();
        var model = CubeDetectorWithWeights();
        var x = rand(new long[] { 3, 1, 16, 16, 16 }, generator: new Generator(5)) * 0.3f;
        x[0, .., 1..5, 2..6, 9..13] = tensor(1f); // a 4 × 4 × 4 cube in the front, top, right octant
        x[1, .., 2..6, 3..7, 10..14] = tensor(1f);
        x[2, .., 3..7, 1..5, 11..15] = tensor(1f);

        var map = model.GradCam(x, target: 1);

        Assert.Equal(new long[] { 3, 16, 16, 16 }, map.shape);
        Assert.True(map.min().item<float>() >= 0, "Grad-CAM maps are ReLU'd");
        var inOctant = map[.., ..8, ..8, 8..].sum(new long[] { 1, 2, 3 }) / map.sum(new long[] { 1, 2, 3 });
        output.WriteLine($"smallest share in the cube's octant {inOctant.min().item<float>():P1}");
        Assert.True(inOctant.min().item<float>() >= 0.8f, $"smallest share in the cube's octant {inOctant.min().item<float>():P1}");
    }

    [Fact]
    public void Grad_cam_on_a_sequence_input_of_a_multi_input_model_maps_the_sequence_and_ignores_the_tabular_input()
    {
        using var scope = NewDisposeScope();
        var detector = RunDetectorWithWeights();
        var model = new TabularAndSequence(detector, seed: 6);
        var x = RunsInSecondQuarter(count: 4, seed: 7);

        var map = GradCam.Compute(model, new ModelInputs(("z", randn(4, 3)), ("x", x)), target: 1, layer: "detector.features");

        Assert.Equal(new long[] { 4, 32 }, map.shape);
        Assert.Equal(detector.GradCam(x, target: 1).data<float>().ToArray(), map.data<float>().ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Grad_cam_leaves_parameters_gradients_flags_and_modes_as_they_were(int spatialDims)
    {
        using var scope = NewDisposeScope();
        nn.Module<Tensor, Tensor> model = spatialDims switch { 1 => RunDetectorWithWeights(), 2 => SquareDetectorWithWeights(), _ => CubeDetectorWithWeights() };
        long[] sample = spatialDims switch { 1 => new long[] { 1, 32 }, 2 => new long[] { 1, 16, 16 }, _ => new long[] { 1, 16, 16, 16 } };
        model.train();
        model.named_parameters().First(p => p.name == "head.weight").parameter.requires_grad_(false);
        model.forward(rand(sample.Prepend(2L).ToArray())).pow(2).sum().backward();
        var before = AttributionSideEffectTests.Snapshot(model);
        Assert.Contains(before.Gradients, g => g is not null);

        GradCam.Compute(model, rand(sample.Prepend(3L).ToArray()), target: 1, layer: "features");

        var after = AttributionSideEffectTests.Snapshot(model);
        Assert.Equal(before.Modes, after.Modes);
        Assert.Equal(before.RequiresGrad, after.RequiresGrad);
        Assert.Equal(before.Values, after.Values);
        Assert.Equal(before.Gradients, after.Gradients);
    }

    [Fact]
    public void A_feature_map_whose_spatial_rank_differs_from_the_input_s_names_the_rule()
    {
        using var scope = NewDisposeScope();
        // A 1-D convolution over the rows of an image: its map has 1 spatial dim, the image 2.
        var model = nn.Sequential(("rows", nn.Flatten(1, 2)), ("features", nn.Conv1d(8, 2, 3)), ("pool", nn.AdaptiveAvgPool1d(1)),
            ("flat", nn.Flatten()), ("head", nn.Linear(2, 2)));

        var error = Assert.ThrowsAny<ArgumentException>(() => GradCam.Compute(model, rand(2, 1, 8, 8), target: 1, layer: "features"));

        Assert.Contains("GradCam: layer 'features' outputs [2, 2, 6] with 1 spatial dim but x has shape [2, 1, 8, 8]", error.Message);
        Assert.Contains("same spatial rank", error.Message);
    }

    /// <summary>
    /// Channel 0 of <c>features</c> fires only where a 3 × 3 window is brighter than 0.5 on average (the square; the
    /// background stays below 0.3); channel 1 is a constant 0.3 everywhere. Class 1 reads channel 0 and, weakly,
    /// channel 1, so its evidence is the square.
    /// </summary>
    internal static SquareDetector SquareDetectorWithWeights() => WithDetectorWeights(new SquareDetector(), new long[] { 3, 3 }, 0.05f);

    /// <summary>Like <see cref="SquareDetectorWithWeights"/> for sequences: channel 0 fires only on a bright run.</summary>
    internal static RunDetector RunDetectorWithWeights() => WithDetectorWeights(new RunDetector(), new long[] { 3 }, 0.05f);

    /// <summary>
    /// Like <see cref="SquareDetectorWithWeights"/> for volumes: channel 0 fires only on a bright cube. The constant channel
    /// weighs 16 times less, as a volume holds 16 times the pixels of an image.
    /// </summary>
    internal static CubeDetector CubeDetectorWithWeights() => WithDetectorWeights(new CubeDetector(), new long[] { 3, 3, 3 }, 0.05f / 16);

    /// <summary>Sets <c>features</c> (a brightness detector with a <paramref name="kernel"/> window, and a constant channel) and <c>head</c>.</summary>
    private static TModel WithDetectorWeights<TModel>(TModel model, long[] kernel, float constantWeight) where TModel : nn.Module
    {
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var window = kernel.Prepend(1L).ToArray();
        using (no_grad())
        {
            parameters["features.weight"].copy_(stack(new[] { full(window, 1f / kernel.Aggregate(1L, (a, b) => a * b)), zeros(window) }));
            parameters["features.bias"].copy_(tensor(new[] { -0.5f, 0.3f }));
            parameters["head.weight"].copy_(tensor(new float[,] { { 0f, 1f }, { 1f, constantWeight } }));
            parameters["head.bias"].zero_();
        }
        return model;
    }

    /// <summary>[n, 1, 32] sequences: uniform background in [0, 0.3), a run of four 1s inside positions 8 to 15.</summary>
    internal static Tensor RunsInSecondQuarter(int count, int seed)
    {
        var random = new Random(seed);
        using var generator = new Generator((ulong)seed);
        var sequences = rand(new long[] { count, 1, 32 }, generator: generator) * 0.3f;
        for (int i = 0; i < count; i++)
        {
            int start = random.Next(9, 12);
            sequences[i, 0, TensorIndex.Slice(start, start + 4)] = tensor(1f);
        }
        return sequences;
    }

    /// <summary>A tabular input first, then a sequence read by <see cref="RunDetector"/>; the tabular part only adds to the scores.</summary>
    private sealed class TabularAndSequence : nn.Module<Tensor, Tensor, Tensor>
    {
        private readonly RunDetector detector;
        private readonly TorchSharp.Modules.Linear side;

        public TabularAndSequence(RunDetector detector, long seed) : base(nameof(TabularAndSequence))
        {
            torch.manual_seed(seed);
            this.detector = detector;
            side = nn.Linear(3, 2);
            RegisterComponents();
        }

        public override Tensor forward(Tensor z, Tensor x) => detector.call(x) + side.call(z);
    }

    /// <summary>[n, 1, 16, 16] images: uniform background in [0, 0.3), a 4 × 4 square of 1 inside the top-left 8 × 8 quadrant.</summary>
    internal static Tensor SquaresInTopLeftQuadrant(int count, int seed)
    {
        var random = new Random(seed);
        using var generator = new Generator((ulong)seed);
        var images = rand(new long[] { count, 1, 16, 16 }, generator: generator) * 0.3f;
        for (int i = 0; i < count; i++)
        {
            int row = random.Next(1, 4), column = random.Next(1, 4);
            images[i, 0, TensorIndex.Slice(row, row + 4), TensorIndex.Slice(column, column + 4)] = tensor(1f);
        }
        return images;
    }
}
