using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// <c>[Explain]</c> on real source: a valid declaration gets <c>X.Explain.g.cs</c>; a wrong one is reported at its own line
/// (line 6 in these sources) and only the explain file is withheld, since the model itself is valid.
/// </summary>
public class ExplainDiagnosticsTests
{
    private static string Cnn(string explain) =>
        "using SciDsl;\n" +
        "[Model(\"x: B,1,8,8\")]\n" +
        "[Conv2d(8, Kernel = 3, Padding = 1, Name = \"conv1\"), ReLU]\n" +
        "[Flatten]\n" +
        "[Linear(10, Name = \"fc1\")]\n" +
        explain + "\n" +
        "public partial class Net;\n";

    private static void ErrorAtTheExplainLine(string source, string id, params string[] words)
    {
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), id, 6, words);
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith(".Explain.g.cs"));
    }

    [Fact]
    public void A_valid_declaration_compiles_with_its_typed_methods()
    {
        var run = GeneratorHarness.Run(Cnn(
            "[Explain(Attribution.GradCam, Layer = \"conv1\"), Explain(Attribution.IntegratedGradients, Steps = 32), Explain(Attribution.Occlusion, Window = new[] { 1, 2, 2 })]"));

        DiagnosticAssert.Clean(run);
        string explain = run.Source("Net.Explain.g.cs");
        Assert.Contains("public global::TorchSharp.torch.Tensor GradCam(global::TorchSharp.torch.Tensor x, long target) =>", explain);
        Assert.Contains("GradCam.Compute(this, x, target, \"conv1\");", explain);
        Assert.Contains("IntegratedGradients(global::TorchSharp.torch.Tensor x, long target, int steps = 32,", explain);
        Assert.Contains("new long[] { 1, 2, 2 }, new long[] { 1, 2, 2 }, baselineValue, chunkSize)", explain);
        Assert.Contains("public sealed record NamedActivations(global::TorchSharp.torch.Tensor conv1, global::TorchSharp.torch.Tensor fc1);", explain);
    }

    [Fact]
    public void A_layer_the_model_lacks_is_SD2002_with_the_closest_name() =>
        ErrorAtTheExplainLine(Cnn("[Explain(Attribution.GradCam, Layer = \"conv2\")]"), "SD2002",
            "Explain(Attribution.GradCam, Layer = \"conv2\") refers to 'conv2', which is not a layer of Net; known names: conv1, relu_1, flatten_1, fc1 (did you mean 'conv1'?)");

    [Fact]
    public void Grad_cam_on_a_layer_that_is_not_a_feature_map_is_SD1001_with_the_reason() =>
        ErrorAtTheExplainLine(Cnn("[Explain(Attribution.GradCam, Layer = \"fc1\")]"), "SD1001",
            "expects a convolutional feature map [B, C, *spatial] with 1 to 3 spatial dims but receives [B, 10] from layer 'fc1' (Linear(10, Name = \"fc1\"))",
            "Grad-CAM weighs the channels of a convolutional feature map [B, C, *spatial] whose spatial rank matches the input's",
            "name a Conv1d, Conv2d or Conv3d layer");

    private static string SequenceCnn(string explain) =>
        "using SciDsl;\n" +
        "[Model(\"x: B,4,32\")]\n" +
        "[Conv1d(8, Kernel = 5, Padding = 2, Name = \"conv1\"), ReLU]\n" +
        "[GlobalAvgPool]\n" +
        "[Linear(2, Name = \"fc1\")]\n" +
        explain + "\n" +
        "public partial class Net;\n";

    [Fact]
    public void Grad_cam_on_a_conv1d_layer_of_a_sequence_model_compiles()
    {
        var run = GeneratorHarness.Run(SequenceCnn("[Explain(Attribution.GradCam, Layer = \"conv1\")]"));

        DiagnosticAssert.Clean(run);
        string explain = run.Source("Net.Explain.g.cs");
        Assert.Contains("one map [B, L] per sample of x", explain);
        Assert.Contains("GradCam.Compute(this, x, target, \"conv1\");", explain);
    }

    [Fact]
    public void Grad_cam_on_a_conv3d_layer_of_a_volume_model_compiles()
    {
        var run = GeneratorHarness.Run(
            "using SciDsl;\n" +
            "[Model(\"x: B,1,4,8,8\")]\n" +
            "[Conv3d(2, Kernel = 3, Padding = 1, Name = \"conv1\"), ReLU]\n" +
            "[Flatten]\n" +
            "[Linear(2)]\n" +
            "[Explain(Attribution.GradCam, Layer = \"relu_1\")]\n" +
            "public partial class Net;\n");

        DiagnosticAssert.Clean(run);
        string explain = run.Source("Net.Explain.g.cs");
        Assert.Contains("one map [B, D, H, W] per sample of x", explain);
        Assert.Contains("GradCam.Compute(this, x, target, \"relu_1\");", explain);
    }

    [Fact]
    public void Grad_cam_on_a_linear_layer_of_a_sequence_model_is_SD1001() =>
        ErrorAtTheExplainLine(SequenceCnn("[Explain(Attribution.GradCam, Layer = \"fc1\")]"), "SD1001",
            "expects a convolutional feature map [B, C, *spatial] with 1 to 3 spatial dims but receives [B, 2] from layer 'fc1'");

    [Fact]
    public void Grad_cam_on_a_1d_feature_map_of_an_image_input_is_SD1001_stating_the_rule()
    {
        const string source =
            "using SciDsl;\n" +
            "[Model(\"x: B,1,8,8\")]\n" +
            "[Reshape(\"B,8,8\"), Conv1d(4, Kernel = 3, Name = \"conv\")]\n" +
            "[Flatten]\n" +
            "[Linear(2)]\n" +
            "[Explain(Attribution.GradCam, Layer = \"conv\")]\n" +
            "public partial class Net;\n";

        ErrorAtTheExplainLine(source, "SD1001",
            "expects an input [B, C, L] with the 1 spatial dim of layer 'conv' [B, 4, 6] but receives [B, 1, 8, 8] from input 'x'",
            "a convolutional feature map [B, C, *spatial] whose spatial rank matches the input's",
            "name a layer whose spatial rank matches the input's");
    }

    [Theory]
    [InlineData("[Explain(Attribution.GradCam)]")]
    [InlineData("[Explain(Attribution.GradCam, Layer = null)]")]
    [InlineData("[Explain(Attribution.GradCam, Layer = \"\")]")]
    public void Grad_cam_without_a_layer_is_SD2003_listing_the_layers_with_feature_maps(string explain) =>
        ErrorAtTheExplainLine(Cnn(explain), "SD2003", "Attribution.GradCam needs Layer = \"name\"", "layers with feature maps [B, C, *spatial] of the input's spatial rank: conv1, relu_1");

    [Fact]
    public void Grad_cam_without_a_layer_on_a_model_without_feature_maps_says_so()
    {
        const string source =
            "using SciDsl;\n" +
            "[Model(\"x: B,1,8,8\")]\n" +
            "[Flatten]\n" +
            "[Linear(10, Name = \"fc1\")]\n" +
            "\n" +
            "[Explain(Attribution.GradCam)]\n" +
            "public partial class Net;\n";

        var run = GeneratorHarness.Run(source);

        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(run.SciDslDiagnostics.First(d => d.Id == "SD2003"), "SD2003", 6, "Net has no layer with feature maps [B, C, *spatial] of the input's spatial rank");
    }

    [Fact]
    public void Grad_cam_declared_for_a_second_layer_is_SD2003_saying_how_to_map_that_layer() =>
        ErrorAtTheExplainLine(Cnn("[Explain(Attribution.GradCam, Layer = \"conv1\"), Explain(Attribution.GradCam, Layer = \"relu_1\")]"), "SD2003",
            "Attribution.GradCam is declared twice", "SciDsl.Interpretability.GradCam.Compute(model, x, target, \"relu_1\")");

    [Theory]
    [InlineData("[Explain(Attribution.IntegratedGradients, Steps = 0)]", "Steps = 0 must be at least 1")]
    [InlineData("[Explain(Attribution.SmoothGrad, NoiseLevel = -0.1)]", "NoiseLevel = -0.1 must be a finite fraction of the input range >= 0")]
    [InlineData("[Explain(Attribution.SmoothGrad, Samples = -2)]", "Samples = -2 must be at least 1")]
    [InlineData("[Explain(Attribution.Saliency, Layer = \"conv1\")]", "Layer applies to Attribution.GradCam only")]
    [InlineData("[Explain(Attribution.Saliency, Steps = 8)]", "Steps does not apply to Attribution.Saliency")]
    [InlineData("[Explain(Attribution.Saliency, Steps = 0)]", "Steps does not apply to Attribution.Saliency")]
    [InlineData("[Explain(Attribution.IntegratedGradients, Samples = -1)]", "Samples does not apply to Attribution.IntegratedGradients")]
    [InlineData("[Explain(Attribution.Saliency), Explain(Attribution.Saliency)]", "Attribution.Saliency is declared twice")]
    [InlineData("[Explain(Attribution.Occlusion)]", "Attribution.Occlusion needs Window, one size per dimension of a sample [1, 8, 8]")]
    [InlineData("[Explain(Attribution.Occlusion, Window = new[] { 2, 2 })]", "Window = { 2, 2 } must give 3 positive sizes")]
    [InlineData("[Explain(Attribution.Occlusion, Window = new[] { 1, 9, 2 })]", "Window = { 1, 9, 2 } is larger than a sample [1, 8, 8]")]
    public void A_wrong_setting_is_SD2003_at_the_attribute(string explain, string words) =>
        ErrorAtTheExplainLine(Cnn(explain), "SD2003", words);

    [Fact]
    public void Feature_ablation_of_an_image_input_is_SD1001() =>
        ErrorAtTheExplainLine(Cnn("[Explain(Attribution.FeatureAblation)]"), "SD1001",
            "expects a tabular input [B, F] but receives [B, 1, 8, 8] from input 'x'");

    [Fact]
    public void A_model_without_a_score_output_is_SD1001()
    {
        const string source =
            "using SciDsl;\n" +
            "[Model(\"x: B,1,8,8\")]\n" +
            "[Conv2d(8, Kernel = 3, Padding = 1, Name = \"conv1\")]\n" +
            "\n" +
            "\n" +
            "[Explain(Attribution.Saliency)]\n" +
            "public partial class Net;\n";

        ErrorAtTheExplainLine(source, "SD1001", "expects one output of scores [B, C] but receives [B, 8, 8, 8]");
    }

    [Fact]
    public void On_an_experiment_a_layer_its_model_lacks_is_SD2002_at_the_experiments_attribute()
    {
        const string source =
            "using SciDsl;\n" +
            "[Model(\"x: B,1,8,8\")]\n" +
            "[Conv2d(8, Kernel = 3, Padding = 1, Name = \"conv1\"), ReLU, Flatten, Linear(10)]\n" +
            "public partial class Net;\n" +
            "[Dataset(\"x: 1,8,8\", Target = \"class: 10\")]\n" +
            "public partial class Images : IDataSource { public LabelledData Load() => throw new System.NotSupportedException(); }\n" +
            "[Experiment(typeof(Net), typeof(Images))]\n" +
            "[Supervised(Loss.CrossEntropy)]\n" +
            "[Explain(Attribution.GradCam, Layer = \"conv\")]\n" +
            "public partial class Run1;\n";

        var run = GeneratorHarness.Run(source);

        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), "SD2002", 9, "which is not a layer of Net", "did you mean 'conv1'?");
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith(".Explain.g.cs"));
    }

    [Fact]
    public void On_a_class_that_is_neither_model_nor_experiment_it_is_SD2003()
    {
        var run = GeneratorHarness.Run("using SciDsl;\n\n[Explain(Attribution.Saliency)]\npublic partial class Helper;\n");

        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), "SD2003", 3,
            "[Explain] generates methods on a [Model] or an [Experiment]; Helper is neither");
    }

    private static string Gcn(string explain) =>
        "using SciDsl;\n" +
        "[Model(\"x: B,N,F; adj: B,N,N\")]\n" +
        "[GcnConv(16, Adjacency = \"adj\"), ReLU]\n" +
        "[NodeMeanPool]\n" +
        "[Linear(2)]\n" +
        explain + "\n" +
        "public partial class Net;\n";

    [Fact]
    public void A_model_with_several_inputs_gets_methods_taking_every_input_and_returning_one_attribution_per_input()
    {
        var run = GeneratorHarness.Run(Gcn("[Explain(Attribution.Saliency), Explain(Attribution.IntegratedGradients), Explain(Attribution.Occlusion, Window = new[] { 1, 1 })]"));

        DiagnosticAssert.Clean(run);
        string explain = run.Source("Net.Explain.g.cs");
        Assert.Contains("public NamedAttributions Saliency(global::TorchSharp.torch.Tensor x, global::TorchSharp.torch.Tensor adj, long target)", explain);
        Assert.Contains("IntegratedGradientsResult<NamedAttributions> IntegratedGradients(global::TorchSharp.torch.Tensor x, global::TorchSharp.torch.Tensor adj, long target, int steps = 64, global::TorchSharp.torch.Tensor? xBaseline = null, global::TorchSharp.torch.Tensor? adjBaseline = null,", explain);
        Assert.Contains("public sealed record NamedAttributions(global::TorchSharp.torch.Tensor x, global::TorchSharp.torch.Tensor adj);", explain);
    }

    [Fact]
    public void Integer_inputs_are_held_fixed_so_only_the_float_input_is_in_the_result()
    {
        const string source =
            "using SciDsl;\n" +
            "[Model(\"ids: int64[B,5]; x: B,4\")]\n" +
            "[Embedding(11, 4, From = \"ids\"), Flatten, Linear(4, Name = \"fromIds\")]\n" +
            "[Add(\"fromIds\", \"x\"), Linear(3)]\n" +
            "[Explain(Attribution.Saliency), Explain(Attribution.FeatureAblation)]\n" +
            "public partial class Net;\n";

        var run = GeneratorHarness.Run(source);

        DiagnosticAssert.Clean(run);
        string explain = run.Source("Net.Explain.g.cs");
        Assert.Contains("Saliency(global::TorchSharp.torch.Tensor ids, global::TorchSharp.torch.Tensor x, long target)", explain);
        Assert.Contains("public sealed record NamedAttributions(global::TorchSharp.torch.Tensor x);", explain);
    }

    [Fact]
    public void A_model_whose_inputs_are_all_integer_ids_is_SD1001_with_the_reason()
    {
        const string source =
            "using SciDsl;\n" +
            "[Model(\"ids: int64[B,5]; other: int64[B,5]\")]\n" +
            "[Embedding(11, 4, From = \"ids\", Name = \"a\"), Embedding(11, 4, From = \"other\", Name = \"b\")]\n" +
            "[Add(\"a\", \"b\"), Flatten, Linear(3)]\n" +
            "\n" +
            "[Explain(Attribution.Saliency)]\n" +
            "public partial class Net;\n";

        ErrorAtTheExplainLine(source, "SD1001",
            "expects a floating-point input but receives ids: int64[B, 5], other: int64[B, 5] from the inputs of Net",
            "integer inputs are held fixed");
    }

    [Fact]
    public void An_occlusion_window_that_does_not_fit_one_of_the_inputs_is_SD2003_naming_it()
    {
        const string source =
            "using SciDsl;\n" +
            "[Model(\"x: B,4; z: B,2,3\")]\n" +
            "[Flatten(From = \"z\", Name = \"flat\")]\n" +
            "[Concat(\"x\", \"flat\"), Linear(2)]\n" +
            "\n" +
            "[Explain(Attribution.Occlusion, Window = new[] { 2 })]\n" +
            "public partial class Net;\n";

        ErrorAtTheExplainLine(source, "SD2003", "Window = { 2 } must give 2 positive sizes, one per dimension of a sample [2, 3] of input 'z'");
    }

    [Fact]
    public void Grad_cam_on_a_model_without_an_input_of_the_feature_map_s_spatial_rank_is_SD1001()
    {
        const string source =
            "using SciDsl;\n" +
            "[Model(\"x: B,64; z: B,3\")]\n" +
            "[Reshape(\"B,1,8,8\"), Conv2d(4, Kernel = 3, Name = \"conv\"), GlobalAvgPool, Linear(3, Name = \"fromX\")]\n" +
            "[Add(\"fromX\", \"z\"), Linear(2)]\n" +
            "\n" +
            "[Explain(Attribution.GradCam, Layer = \"conv\")]\n" +
            "public partial class Net;\n";

        ErrorAtTheExplainLine(source, "SD1001",
            "expects an input [B, C, H, W] with the 2 spatial dims of layer 'conv' [B, 4, 6, 6] but receives [B, 64], [B, 3] from the floating-point inputs of Net",
            "upsamples it to the input's spatial size");
    }

    [Theory]
    [InlineData("x: B,4; target: B,3", "[Explain(Attribution.Saliency)]", "target")]
    [InlineData("x: B,4; result: B,3", "[Explain(Attribution.IntegratedGradients)]", "result")]
    [InlineData("x: B,4; xBaseline: B,3", "[Explain(Attribution.IntegratedGradients)]", "xBaseline")]
    public void An_input_named_like_a_generated_parameter_is_SD2011(string inputs, string explain, string name)
    {
        string source =
            "using SciDsl;\n" +
            $"[Model(\"{inputs}\")]\n" +
            "[Linear(3, From = \"x\", Name = \"fromX\")]\n" +
            $"[Add(\"fromX\", \"{name}\"), Linear(2)]\n" +
            "\n" +
            explain + "\n" +
            "public partial class Net;\n";

        ErrorAtTheExplainLine(source, "SD2011",
            $"the input name '{name}' of Net cannot be used in the generated code: the methods [Explain] generates take the inputs beside a parameter or local variable {name}; rename the input");
    }

    [Theory]
    [InlineData("target", "[Explain(Attribution.Saliency)]")]
    [InlineData("steps", "[Explain(Attribution.IntegratedGradients)]")]
    [InlineData("seed", "[Explain(Attribution.SmoothGrad)]")]
    [InlineData("baselineValue", "[Explain(Attribution.FeatureAblation)]")]
    [InlineData("chunkSize", "[Explain(Attribution.FeatureAblation)]")]
    [InlineData("chunkSize", "[Explain(Attribution.Occlusion, Window = new[] { 2 })]")]
    [InlineData("captured", "[Explain(Attribution.Saliency)]")]
    public void An_input_named_like_a_generated_parameter_is_SD2011_not_uncompilable_code(string input, string explain)
    {
        string source =
            "using SciDsl;\n" +
            $"[Model(\"{input}: B,4\")]\n" +
            "[Linear(8, Name = \"fc1\"), ReLU]\n" +
            "[Linear(3)]\n" +
            "\n" +
            explain + "\n" +
            "public partial class Net;\n";

        ErrorAtTheExplainLine(source, "SD2011",
            $"the input name '{input}' of Net cannot be used in the generated code: the methods [Explain] generates take the inputs beside a parameter or local variable {input}; rename the input");
    }

    [Fact]
    public void On_an_experiment_a_model_input_named_model_is_SD2011()
    {
        const string source =
            "using SciDsl;\n" +
            "[Model(\"model: B,4\")]\n" +
            "[Linear(3, Name = \"fc\")]\n" +
            "public partial class Net;\n" +
            "[Dataset(\"model: 4\", Target = \"class: 3\")]\n" +
            "public partial class Rows : IDataSource { public LabelledData Load() => throw new System.NotSupportedException(); }\n" +
            "[Experiment(typeof(Net), typeof(Rows))]\n" +
            "[Supervised(Loss.CrossEntropy)]\n" +
            "[Explain(Attribution.Saliency)]\n" +
            "public partial class Run1;\n";

        var run = GeneratorHarness.Run(source);

        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), "SD2011", 9, "the input name 'model' of Net", "parameter or local variable model");
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith(".Explain.g.cs"));
    }

    [Fact]
    public void A_layer_named_like_a_generated_member_is_SD2011()
    {
        const string source =
            "using SciDsl;\n" +
            "[Model(\"x: B,1,8,8\")]\n" +
            "[Conv2d(8, Kernel = 3, Padding = 1, Name = \"Saliency\"), ReLU]\n" +
            "[Flatten]\n" +
            "[Linear(10)]\n" +
            "[Explain(Attribution.Saliency)]\n" +
            "public partial class Net;\n";

        ErrorAtTheExplainLine(source, "SD2011", "the name 'Saliency' of Net cannot be used in the generated code: [Explain] generates a member Saliency");
    }

    [Fact]
    public void An_encoder_named_like_the_generated_attention_capture_is_SD2011()
    {
        const string source =
            "using SciDsl;\n" +
            "[Model(\"x: B,5,8\")]\n" +
            "[TransformerEncoder(1, 2, FeedForward = 16, Name = \"AttentionWeights\")]\n" +
            "[Flatten]\n" +
            "[Linear(3)]\n" +
            "[Explain(Attribution.Saliency)]\n" +
            "public partial class Net;\n";

        ErrorAtTheExplainLine(source, "SD2011", "the name 'AttentionWeights' of Net cannot be used in the generated code: [Explain] generates a member AttentionWeights");
    }
}
