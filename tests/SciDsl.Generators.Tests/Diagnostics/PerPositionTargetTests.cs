using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// Class targets per pixel (segmentation) and per node (node classification), on real source: the model on lines 2–5,
/// the data set on lines 6–8, the experiment from line 9 on (its <c>[Supervised]</c> on line 10).
/// </summary>
public class PerPositionTargetTests
{
    private const int ExperimentLine = 9, SupervisedLine = 10;

    private const string LoadBody = "{ public LabelledData Load() => throw new System.NotSupportedException(); }";
    private const string SamplesBody = "{ public SampleSet LoadSamples() => throw new System.NotSupportedException(); }";

    private static string Source(string model, string layers, string dataset, string loss = "CrossEntropy",
        string source = "IDataSource", string body = LoadBody, string train = "[Train(Epochs = 2)]") =>
        "using SciDsl;\n" +
        $"[Model(\"{model}\")]\n" +
        $"{layers}\n" +
        "\n" +
        "public partial class Net;\n" +
        $"{dataset}\n" +
        $"public partial class Samples : {source}\n" +
        $"{body}\n" +
        "[Experiment(typeof(Net), typeof(Samples))]\n" +
        $"[Supervised(Loss.{loss})]\n" +
        $"{train}\n" +
        "public partial class Run1;\n";

    private const string Image = "x: B,1,8,8";
    private const string PixelHead = "[Conv2d(4, Kernel = 3, Padding = 1), ReLU, Conv2d(2, Kernel = 1)]";
    private const string MaskTarget = "[Dataset(\"x: 1,8,8\", Target = \"class: 2 per pixel\")]";
    private const string Graph = "x: B,N,5; adj: B,N,N";
    private const string NodeHead = "[GcnConv(8, Adjacency = \"adj\"), ReLU, GcnConv(3, Adjacency = \"adj\")]";
    private const string NodeTarget = "[Dataset(\"x: N,5; adj: N,N\", Target = \"class: 3 per node\")]";

    private static void OneError(GeneratorRun run, string id, int line, params string[] words)
    {
        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), id, line, words);
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith(".Experiment.g.cs", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("CrossEntropy")]
    [InlineData("Dice")]
    public void A_segmentation_experiment_declares_its_mask_per_pixel_and_compiles(string loss)
    {
        var run = GeneratorHarness.Run(Source(Image, PixelHead, MaskTarget, loss, train: "[Train(Epochs = 2, TestSplit = 0.25)]"));

        DiagnosticAssert.Clean(run);
        Assert.Contains("2) { Per = global::SciDsl.TargetScope.Pixel };", run.Source("Samples.Dataset.g.cs"));
        string experiment = run.Source("Run1.Experiment.g.cs");
        Assert.Contains($"global::SciDsl.Loss.{loss},", experiment);
        Assert.Contains("TestSplit: 0.25);", experiment);
    }

    [Fact]
    public void SD1006_a_mask_of_two_classes_against_three_channels_of_logits()
    {
        var run = GeneratorHarness.Run(Source(Image, "[Conv2d(3, Kernel = 1)]", MaskTarget));

        OneError(run, "SD1006", SupervisedLine, "needs model outputs [B, 2, 8, 8] (one logit per class and pixel)",
            "model Net outputs [B, 3, 8, 8]", "end the model with [Conv2d(2, Kernel = 1)]");
    }

    [Fact]
    public void SD1006_a_mask_against_a_whole_image_classifier()
    {
        var run = GeneratorHarness.Run(Source(Image, "[Flatten, Linear(2)]", MaskTarget, "Dice"));

        OneError(run, "SD1006", SupervisedLine, "Loss.Dice on target 'class: 2 per pixel'", "model Net outputs [B, 2]");
    }

    [Fact]
    public void SD1006_a_mask_at_another_resolution_than_the_logits()
    {
        var run = GeneratorHarness.Run(Source(Image, "[MaxPool2d(2), Conv2d(2, Kernel = 1)]", MaskTarget));

        OneError(run, "SD1006", SupervisedLine, "needs model outputs [B, 2, 8, 8]", "model Net outputs [B, 2, 4, 4]");
    }

    [Fact]
    public void SD1006_Dice_on_value_targets()
    {
        var run = GeneratorHarness.Run(Source("x: B,4", "[Linear(1)]", "[Dataset(\"x: 4\", Target = \"value: 1\")]", "Dice"));

        OneError(run, "SD1006", SupervisedLine, "Loss.Dice needs a class target", "use [Supervised(Loss.MSE)] for value targets");
    }

    [Fact]
    public void SD3004_a_mask_per_pixel_of_a_sample_without_image_dims()
    {
        var run = GeneratorHarness.Run(Source("x: B,64", "[Linear(2)]", "[Dataset(\"x: 64\", Target = \"class: 2 per pixel\")]"));

        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), "SD3004", 6,
            "Target \"class: 2 per pixel\"", "sample 'x' is [64]; declare it as \"x: C,H,W\"");
    }

    [Theory]
    [InlineData("value: 1 per pixel")]
    [InlineData("class: 2 per voxel")]
    public void SD3004_a_target_per_position_that_is_not_a_class_per_pixel_or_node(string target)
    {
        var run = GeneratorHarness.Run(Source(Image, PixelHead, $"[Dataset(\"x: 1,8,8\", Target = \"{target}\")]"));

        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), "SD3004", 6, "Target = \"class: 2 per pixel\" or Target = \"class: 4 per node\"");
    }

    [Fact]
    public void A_node_classification_experiment_trains_the_two_input_model_on_sample_sets()
    {
        var run = GeneratorHarness.Run(Source(Graph, NodeHead, NodeTarget, source: "ISampleSource", body: SamplesBody));

        DiagnosticAssert.Clean(run);
        Assert.Contains("3) with { Per = global::SciDsl.TargetScope.Node };", run.Source("Samples.Dataset.g.cs"));
        Assert.Contains("global::SciDsl.SupervisedTrainer.RunOnSamples(Config, () => new global::Net(), (model, inputs) => model.forward(inputs[0], inputs[1]), " +
            "new global::Samples(), global::Samples.Signature, options,", run.Source("Run1.Experiment.g.cs"));
    }

    [Fact]
    public void SD1006_node_classes_against_pooled_graph_logits()
    {
        var run = GeneratorHarness.Run(Source(Graph, "[GcnConv(3, Adjacency = \"adj\"), NodeMeanPool]", NodeTarget, source: "ISampleSource", body: SamplesBody));

        OneError(run, "SD1006", SupervisedLine, "needs model outputs [B, N, 3] (one logit per node and class)", "model Net outputs [B, 3]",
            "without pooling the nodes");
    }

    [Fact]
    public void SD1006_node_classes_against_another_number_of_logits_per_node()
    {
        var run = GeneratorHarness.Run(Source(Graph, "[GcnConv(4, Adjacency = \"adj\")]", NodeTarget, source: "ISampleSource", body: SamplesBody));

        OneError(run, "SD1006", SupervisedLine, "needs model outputs [B, N, 3]", "model Net outputs [B, N, 4]");
    }

    [Fact]
    public void SD1005_a_graph_sample_without_the_adjacency_the_model_takes()
    {
        var run = GeneratorHarness.Run(Source(Graph, NodeHead, "[Dataset(\"x: N,5\", Target = \"class: 3 per node\")]", source: "ISampleSource", body: SamplesBody));

        OneError(run, "SD1005", ExperimentLine, "the dataset declares 1 input per sample (x) but the model takes 2 (x, adj)");
    }

    [Fact]
    public void SD3005_a_graph_data_set_that_loads_only_one_input()
    {
        var run = GeneratorHarness.Run(Source(Graph, NodeHead, NodeTarget));

        OneError(run, "SD3005", ExperimentLine, "Dataset 'Samples'", "loads its 2 inputs per sample through ISampleSource.LoadSamples()");
    }

    [Fact]
    public void SD3003_a_test_split_that_leaves_no_training_samples()
    {
        var run = GeneratorHarness.Run(Source(Image, PixelHead, MaskTarget, train: "[Train(ValidationSplit = 0.5, TestSplit = 0.5)]"));

        OneError(run, "SD3003", 11, "TestSplit must be in [0, 0.5) so ValidationSplit + TestSplit < 1 but is 0.5");
    }

    /// <summary>ROC AUC is computed per sample only; the run would refuse it before training, so the build does.</summary>
    [Fact]
    public void Early_stopping_on_ROC_AUC_of_pixel_classes_is_SD3003_at_Train()
    {
        OneError(GeneratorHarness.Run(Source(Image, PixelHead, MaskTarget, train: "[Train(EarlyStopping = \"val_roc_auc\")]")), "SD3003", SupervisedLine + 1,
            "EarlyStopping must be one of \"val_loss\", \"val_accuracy\", \"val_balanced_accuracy\", \"val_macro_f1\", \"val_iou\", \"val_dice\" for Loss.CrossEntropy but is \"val_roc_auc\"");
        DiagnosticAssert.Clean(GeneratorHarness.Run(Source(Image, PixelHead, MaskTarget, train: "[Train(EarlyStopping = \"val_iou\")]")));
    }
}
