using SciDsl.Interpretability;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Interpretability;

/// <summary>A one-input generated model whose input is called <c>image</c>.</summary>
[Model("image: B,1,4,4")]
[Flatten]
[Linear(2, Name = "head")]
[Explain(Attribution.Saliency), Explain(Attribution.IntegratedGradients, Steps = 4)]
public partial class NamedImageScorer;

/// <summary>A one-input tabular generated model whose input is called <c>measurements</c>.</summary>
[Model("measurements: B,3")]
[Linear(2, Name = "head")]
[Explain(Attribution.FeatureAblation)]
public partial class NamedTabularScorer;

/// <summary>
/// The one-input attribution methods name a generated model's input as it is declared, in the message and as the
/// argument's name, whether called through the runtime or the generated methods.
/// </summary>
public sealed class NamedInputErrorTests
{
    public static TheoryData<string> Methods => new()
    {
        nameof(Saliency), nameof(InputXGradient), nameof(SmoothGrad), nameof(IntegratedGradients), nameof(Occlusion),
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void An_input_holding_nan_is_named_as_the_model_declares_it(string method)
    {
        using var scope = NewDisposeScope();
        var image = zeros(2, 1, 4, 4);
        image[1, 0, 2, 2] = tensor(float.NaN);

        var error = Assert.ThrowsAny<ArgumentException>(() => Call(method, new NamedImageScorer(), image));

        Assert.StartsWith($"{method}: image of shape [2, 1, 4, 4] contains NaN", error.Message);
        Assert.Equal("image", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void An_input_of_the_wrong_shape_is_named_as_the_model_declares_it(string method)
    {
        using var scope = NewDisposeScope();

        var error = Assert.ThrowsAny<ArgumentException>(() => Call(method, new NamedImageScorer(), randn(2, 1, 5, 5)));

        Assert.StartsWith($"{method}: image ", error.Message);
        Assert.Contains("[2, 1, 5, 5]", error.Message);
        Assert.Equal("image", error.ParamName);
    }

    [Fact]
    public void Generated_methods_and_baselines_name_the_declared_input()
    {
        using var scope = NewDisposeScope();
        var model = new NamedImageScorer();

        var saliency = Assert.ThrowsAny<ArgumentException>(() => model.Saliency(randn(2, 1, 3, 3), 0));
        var baseline = Assert.ThrowsAny<ArgumentException>(() => model.IntegratedGradients(randn(2, 1, 4, 4), 0, baseline: zeros(3)));
        var ablation = Assert.ThrowsAny<ArgumentException>(() => new NamedTabularScorer().FeatureAblation(randn(2, 4), 0));
        var tabular = Assert.ThrowsAny<ArgumentException>(() => FeatureAblation.Compute(new NamedTabularScorer(), randn(2, 3, 1), 0));

        Assert.StartsWith("Saliency: image ", saliency.Message);
        Assert.Equal("image", saliency.ParamName);
        Assert.Contains("expected image's shape [2, 1, 4, 4]", baseline.Message);
        Assert.StartsWith("FeatureAblation: measurements ", ablation.Message);
        Assert.Equal("measurements", ablation.ParamName);
        Assert.StartsWith("FeatureAblation: measurements has shape [2, 3, 1]", tabular.Message);
        Assert.Equal("measurements", tabular.ParamName);
    }

    [Fact]
    public void A_hand_written_model_still_calls_its_input_x()
    {
        using var scope = NewDisposeScope();

        var error = Assert.ThrowsAny<ArgumentException>(() => Saliency.Compute(nn.Linear(4, 2), full(2, 4, float.NaN), 0));

        Assert.StartsWith("Saliency: x of shape [2, 4] contains NaN", error.Message);
        Assert.Equal("x", error.ParamName);
    }

    private static object Call(string method, nn.Module<Tensor, Tensor> model, Tensor x) => method switch
    {
        nameof(Saliency) => Saliency.Compute(model, x, 0),
        nameof(InputXGradient) => InputXGradient.Compute(model, x, 0),
        nameof(SmoothGrad) => SmoothGrad.Compute(model, x, 0, samples: 2),
        nameof(IntegratedGradients) => IntegratedGradients.Compute(model, x, 0, steps: 2),
        nameof(Occlusion) => Occlusion.Compute(model, x, 0, new long[] { 1, 2, 2 }, new long[] { 1, 2, 2 }),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not a one-input attribution method"),
    };
}
