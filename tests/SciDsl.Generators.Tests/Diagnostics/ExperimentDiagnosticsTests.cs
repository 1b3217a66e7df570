using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// SD1005 (data vs model input), SD1006 (loss and target vs model output) and SD3001–SD3006 (the rest
/// of an experiment or dataset declaration), on real source: a model and a dataset on lines 1–9, the
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
    private static Microsoft.CodeAnalysis.Diagnostic SingleExperimentError(GeneratorRun run, string id, int line, params string[] words)
    {
        Assert.Empty(run.Crashes);
        var diagnostic = Assert.Single(run.SciDslDiagnostics);
        DiagnosticAssert.AssertIs(diagnostic, id, line, words);
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith(".Experiment.g.cs", StringComparison.Ordinal));
        return diagnostic;
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
    public void SD1005_rank_mismatch_says_how_to_declare_the_dataset()
    {
        var run = GeneratorHarness.Run(Source("x: 64", "class: 10", ValidExperiment));

        SingleExperimentError(run, "SD1005", ExperimentLine, "rank 1", "rank 3", "declare the dataset as \"x: 1,8,8\"");
    }

    [Fact]
    public void SD1006_class_count_differs_from_the_model_output_width()
    {
        var run = GeneratorHarness.Run(Source("x: 1,8,8", "class: 5", ValidExperiment));

        SingleExperimentError(run, "SD1006", ExperimentLine + 1,
            "Loss.CrossEntropy on target 'class: 5' of dataset Images needs model outputs [B, 5]", "but model Net outputs [B, 10]",
            "make the last layer Linear(5)");
    }

    [Fact]
    public void SD1006_mse_on_a_class_target_leads_with_the_problem_then_the_fix()
    {
        string[] rows = { ValidExperiment[0], "[Supervised(Loss.MSE)]" };
        var run = GeneratorHarness.Run(Source("x: 1,8,8", "class: 10", rows));

        var diagnostic = SingleExperimentError(run, "SD1006", ExperimentLine + 1,
            "but dataset Images declares Target = \"class: 10\"", "use [Supervised(Loss.CrossEntropy)] for class targets");
        Assert.StartsWith("Experiment 'Run1': Loss.MSE needs a value target", diagnostic.GetMessage());
    }

    [Fact]
    public void SD1006_cross_entropy_on_a_value_target()
    {
        var run = GeneratorHarness.Run(Source("x: 1,8,8", "value: 10", ValidExperiment));

        var diagnostic = SingleExperimentError(run, "SD1006", ExperimentLine + 1,
            "but dataset Images declares Target = \"value: 10\"", "use [Supervised(Loss.MSE)] for value targets");
        Assert.StartsWith("Experiment 'Run1': Loss.CrossEntropy needs a class target", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("class: 10", "[Supervised(Loss.CrossEntropy)]")]
    [InlineData("value: 1", "[Supervised(Loss.MSE)]")]
    public void SD3001_experiment_without_a_paradigm_suggests_the_loss_for_its_target(string target, string suggestion)
    {
        var run = GeneratorHarness.Run(Source("x: 1,8,8", target, ValidExperiment[0]));

        SingleExperimentError(run, "SD3001", ExperimentLine, "Experiment 'Run1' has no training paradigm", "add " + suggestion);
    }

    [Fact]
    public void SD3002_model_type_without_Model_attribute()
    {
        string[] rows = { "[Experiment(typeof(Images), typeof(Images))]", ValidExperiment[1] };
        var run = GeneratorHarness.Run(Source("x: 1,8,8", "class: 10", rows));

        SingleExperimentError(run, "SD3002", ExperimentLine, "the first argument, Images, is not a [Model] class",
            "Images is a [Dataset]; name the [Model] class first");
    }

    [Fact]
    public void SD3002_data_type_without_Dataset_attribute_says_how_to_declare_it()
    {
        string source = Source("x: 1,8,8", "class: 10", "[Experiment(typeof(Net), typeof(Plain))]", ValidExperiment[1]) + "public class Plain;\n";
        var run = GeneratorHarness.Run(source);

        SingleExperimentError(run, "SD3002", ExperimentLine, "the second argument, Plain, is not a [Dataset] class",
            "declare Plain with [Dataset(\"x: ...\", Target = \"class: N\")]");
    }

    [Fact]
    public void SD3002_swapped_model_and_dataset_is_one_diagnostic_that_says_so()
    {
        string[] rows = { "[Experiment(typeof(Images), typeof(Net))]", ValidExperiment[1] };
        var run = GeneratorHarness.Run(Source("x: 1,8,8", "class: 10", rows));

        SingleExperimentError(run, "SD3002", ExperimentLine, "arguments are swapped", "write [Experiment(typeof(Net), typeof(Images))]");
    }

    [Theory]
    [InlineData("[Train(Epochs = 0)]", 2, "Epochs must be positive but is 0")]
    [InlineData("[Train(BatchSize = -1)]", 2, "BatchSize must be positive but is -1")]
    [InlineData("[Train(ValidationSplit = 1.0)]", 2, "ValidationSplit must be in [0, 1) but is 1")]
    [InlineData("[Optimizer(Optim.Adam, LearningRate = 0.0)]", 2, "LearningRate must be a positive finite number but is 0")]
    public void SD3003_training_settings_out_of_range_point_at_their_attribute(string row, int offset, string problem)
    {
        string[] rows = { ValidExperiment[0], ValidExperiment[1], row };
        var run = GeneratorHarness.Run(Source("x: 1,8,8", "class: 10", rows));

        SingleExperimentError(run, "SD3003", ExperimentLine + offset, problem);
    }

    [Theory]
    [InlineData("classes 10", "write Target = \"class: 10\"")]
    [InlineData("class: 1", "at least 2 classes")]
    [InlineData("labels", "\"class: N\" (N >= 2 classes, per sample or \"per pixel\" or \"per node\") or \"value: N\"")]
    public void SD3004_malformed_dataset_target_on_the_Dataset_attribute(string target, string advice)
    {
        var run = GeneratorHarness.Run(Source("x: 1,8,8", target, ValidExperiment));

        Assert.Empty(run.Crashes);
        var diagnostic = Assert.Single(run.SciDslDiagnostics);
        DiagnosticAssert.AssertIs(diagnostic, "SD3004", 6, $"Dataset 'Images': Target \"{target}\"", advice);
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith(".Dataset.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void SD3005_dataset_class_that_is_not_a_data_source()
    {
        var run = GeneratorHarness.Run(Source("x: 1,8,8", "class: 10", ValidExperiment)
            .Replace("public partial class Images : IDataSource", "public partial class Images"));

        Assert.Empty(run.Crashes);
        var diagnostic = Assert.Single(run.SciDslDiagnostics);
        DiagnosticAssert.AssertIs(diagnostic, "SD3005", 7, "Dataset 'Images'", "implement SciDsl.IDataSource");
    }

    [Fact]
    public void SD3006_model_with_unbound_size_symbols()
    {
        var run = GeneratorHarness.Run(Source("x: 1,8,8", "class: 10", ValidExperiment).Replace("[Flatten]", "[Flatten, Linear(\"H\")]"));

        SingleExperimentError(run, "SD3006", ExperimentLine, "model Net needs constructor arguments (H)");
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
