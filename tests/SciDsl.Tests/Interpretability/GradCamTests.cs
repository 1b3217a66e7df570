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
    public void Grad_cam_leaves_parameters_gradients_flags_and_modes_as_they_were()
    {
        using var scope = NewDisposeScope();
        var model = SquareDetectorWithWeights();
        model.train();
        model.head.weight!.requires_grad_(false);
        model.forward(SquaresInTopLeftQuadrant(2, seed: 1)).pow(2).sum().backward();
        var before = AttributionSideEffectTests.Snapshot(model);
        Assert.Contains(before.Gradients, g => g is not null);

        GradCam.Compute(model, SquaresInTopLeftQuadrant(3, seed: 2), target: 1, layer: "features");

        var after = AttributionSideEffectTests.Snapshot(model);
        Assert.Equal(before.Modes, after.Modes);
        Assert.Equal(before.RequiresGrad, after.RequiresGrad);
        Assert.Equal(before.Values, after.Values);
        Assert.Equal(before.Gradients, after.Gradients);
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

    /// <summary>
    /// Channel 0 of <c>features</c> fires only where a 3 × 3 window is brighter than 0.5 on average (the square; the
    /// background stays below 0.3); channel 1 is a constant 0.3 everywhere. Class 1 reads channel 0 and, weakly,
    /// channel 1, so its evidence is the square.
    /// </summary>
    internal static SquareDetector SquareDetectorWithWeights()
    {
        var model = new SquareDetector();
        using (no_grad())
        {
            model.features.weight!.copy_(stack(new[] { full(1, 3, 3, 1f / 9), zeros(1, 3, 3) }));
            model.features.bias!.copy_(tensor(new[] { -0.5f, 0.3f }));
            model.head.weight!.copy_(tensor(new float[,] { { 0f, 1f }, { 1f, 0.05f } }));
            model.head.bias!.zero_();
        }
        return model;
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
