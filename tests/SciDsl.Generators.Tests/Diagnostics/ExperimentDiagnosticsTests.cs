using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// SD1005 (data vs model input), SD1006 (loss and target vs model output) and SD3001 (the rest of an
/// experiment or dataset declaration), on real source: a model and a dataset on lines 1–9, the
/// experiment from line 11 on.
/// </summary>
public class ExperimentDiagnosticsTests
{
    private const int ExperimentLine = 11;

    private static string Source(string sample, string target, params string[] experimentRows) =>
        "using SciDsl;\n" +
        "[Model(\"x: B,1,8,8\")]\n" +
        "[Flatten]\n" +
        "[Linear(10)]\n" +
        "public partial class Net;\n" +
        $"[Dataset(\"{sample}\", Target = \"{target}\")]\n" +
        "public partial class Images : IDataSource\n" +
        "{ public LabelledData Load() => throw new System.NotSupportedException(); }\n" +
        "\n" +
        "\n" +
        string.Concat(experimentRows.Select(row => row + "\n")) +
        "public partial class Run1;\n";

    private static readonly string[] ValidExperiment =
    {
        "[Experiment(typeof(Net), typeof(Images))]",
        "[Supervised(Loss.CrossEntropy)]",
        "[Optimizer(Optim.SGD, LearningRate = 0.1, Momentum = 0.9)]",
        "[Train(Epochs = 3, BatchSize = 16, Seed = 1, ValidationSplit = 0.25)]",
    };

    /// <summary>Exactly one SciDsl diagnostic, and no experiment source generated.</summary>
    private static void SingleExperimentError(GeneratorRun run, string id, int line, params string[] words)
    {
        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), id, line, words);
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith(".Experiment.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fitting_experiment_generates_Config_and_Run_that_compile()
    {
        var run = GeneratorHarness.Run(Source("x: 1,8,8", "class: 10", ValidExperiment));

        DiagnosticAssert.Clean(run);
        string experiment = run.Source("Run1.Experiment.g.cs");
        Assert.Contains("global::SciDsl.Optim.SGD", experiment);
        Assert.Contains("Momentum: 0.9", experiment);
        Assert.Contains("ValidationSplit: 0.25", experiment);
        Assert.Contains("SupervisedTrainer.Run(Config, () => new global::Net(), new global::Images(), global::Images.Signature, options,", experiment);
        Assert.Contains("experimentName: \"Run1\")", experiment);
        Assert.Contains("global::SciDsl.TargetKind.Class", run.Source("Images.Dataset.g.cs"));
    }

    [Fact]
    public void SD1005_dataset_samples_of_another_size_than_the_model_input()
    {
        var run = GeneratorHarness.Run(Source("x: 1,28,28", "class: 10", ValidExperiment));

        SingleExperimentError(run, "SD1005", ExperimentLine,
            "dataset Images provides samples [1, 28, 28]", "model Net takes [B, 1, 8, 8]", "dim 2 differs (28 vs 8)");
    }

    [Fact]
    public void SD1005_dataset_samples_of_another_rank()
    {
        var run = GeneratorHarness.Run(Source("x: 64", "class: 10", ValidExperiment));

        SingleExperimentError(run, "SD1005", ExperimentLine, "rank 1", "rank 3");
    }

    [Fact]
    public void SD1006_class_count_differs_from_the_model_output_width()
    {
        var run = GeneratorHarness.Run(Source("x: 1,8,8", "class: 5", ValidExperiment));

        SingleExperimentError(run, "SD1006", ExperimentLine + 1,
            "CrossEntropy with target 'class: 5'", "needs [B, 5] class logits", "outputs [B, 10]", "Linear(5)");
    }

    [Fact]
    public void SD1006_mse_on_a_class_target()
    {
        string[] rows = { ValidExperiment[0], "[Supervised(Loss.MSE)]" };
        var run = GeneratorHarness.Run(Source("x: 1,8,8", "class: 10", rows));

        SingleExperimentError(run, "SD1006", ExperimentLine + 1, "MSE needs a \"value\" target");
    }

    [Fact]
    public void SD1006_cross_entropy_on_a_value_target()
    {
        var run = GeneratorHarness.Run(Source("x: 1,8,8", "value: 10", ValidExperiment));

        SingleExperimentError(run, "SD1006", ExperimentLine + 1, "CrossEntropy needs a class target");
    }

    [Fact]
    public void SD3001_experiment_without_a_paradigm()
    {
        var run = GeneratorHarness.Run(Source("x: 1,8,8", "class: 10", ValidExperiment[0]));

        SingleExperimentError(run, "SD3001", ExperimentLine, "[Supervised(Loss.CrossEntropy)]");
    }

    [Fact]
    public void SD3001_non_positive_epochs_point_at_the_Train_attribute()
    {
        string[] rows = { ValidExperiment[0], ValidExperiment[1], "[Train(Epochs = 0)]" };
        var run = GeneratorHarness.Run(Source("x: 1,8,8", "class: 10", rows));

        SingleExperimentError(run, "SD3001", ExperimentLine + 2, "Epochs must be positive but is 0");
    }

    [Fact]
    public void SD3001_model_type_without_Model_attribute()
    {
        string[] rows = { "[Experiment(typeof(Images), typeof(Images))]", ValidExperiment[1] };
        var run = GeneratorHarness.Run(Source("x: 1,8,8", "class: 10", rows));

        SingleExperimentError(run, "SD3001", ExperimentLine, "Images is not a [Model] class");
    }

    [Fact]
    public void SD3001_malformed_dataset_target_on_the_Dataset_attribute()
    {
        var run = GeneratorHarness.Run(Source("x: 1,8,8", "classes 10", ValidExperiment));

        Assert.Empty(run.Crashes);
        var diagnostic = Assert.Single(run.SciDslDiagnostics);
        DiagnosticAssert.AssertIs(diagnostic, "SD3001", 6, "Target \"classes 10\" must be \"class: N\"");
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith(".Dataset.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void SD2006_non_partial_experiment()
    {
        string source = Source("x: 1,8,8", "class: 10", ValidExperiment).Replace("public partial class Run1;", "public class Run1 { }");
        var run = GeneratorHarness.Run(source);

        Assert.Empty(run.Crashes);
        var diagnostic = Assert.Single(run.SciDslDiagnostics);
        Assert.Equal("SD2006", diagnostic.Id);
        Assert.Contains("'Run1' must be declared partial", diagnostic.GetMessage());
        Assert.Equal(ExperimentLine + 4, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
    }
}
