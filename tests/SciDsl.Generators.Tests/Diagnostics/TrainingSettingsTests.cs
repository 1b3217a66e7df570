using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// Loss options, clipping, early stopping and schedules: emitted into <c>Config</c> when declared, SD3003 at the
/// declaring attribute's line when out of range (the experiment's attributes start on line 8).
/// </summary>
public class TrainingSettingsTests
{
    private static string Source(params string[] rows) =>
        "using SciDsl;\n" +
        "[Model(\"x: B,1,8,8\")]\n" +
        "[Flatten, Linear(10)]\n" +
        "public partial class Net;\n" +
        "[Dataset(\"x: 1,8,8\", Target = \"class: 10\")]\n" +
        "public partial class Images : IDataSource\n" +
        "{ public LabelledData Load() => throw new System.NotSupportedException(); }\n" +
        "[Experiment(typeof(Net), typeof(Images))]\n" +
        string.Concat(rows.Select(row => row + "\n")) +
        "public partial class Run1;\n";

    private static void SingleError(string source, int line, params string[] words)
    {
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), "SD3003", line, words);
    }

    [Fact]
    public void Declared_settings_reach_Config()
    {
        var run = GeneratorHarness.Run(Source(
            "[Supervised(Loss.CrossEntropy, LabelSmoothing = 0.1, ClassWeights = new[] { 1.0, 2, 1, 1, 1, 1, 1, 1, 1, 0.5 })]",
            "[Train(GradientClipNorm = 1.5, EarlyStopping = \"val_macro_f1\", Patience = 3)]",
            "[Schedule(LrSchedule.Step, WarmupEpochs = 1, StepEpochs = 4, Gamma = 0.5)]"));

        DiagnosticAssert.Clean(run);
        var lines = run.Source("Run1.Experiment.g.cs").ReplaceLineEndings("\n").Split('\n').Select(line => line.Trim());
        Assert.Contains("ValidationSplit: 0.2,\nLabelSmoothing: 0.1,\nClassWeights: new double[] { 1, 2, 1, 1, 1, 1, 1, 1, 1, 0.5 },\n" +
            "GradientClipNorm: 1.5,\nEarlyStopping: \"val_macro_f1\",\nPatience: 3,\nSchedule: global::SciDsl.LrSchedule.Step,\n" +
            "WarmupEpochs: 1,\nStepEpochs: 4,\nGamma: 0.5);", string.Join("\n", lines));
    }

    [Fact]
    public void Regression_losses_and_Huber_delta_reach_Config()
    {
        var run = GeneratorHarness.Run(Source("[Supervised(Loss.Huber, HuberDelta = 0.5)]")
            .Replace("class: 10", "value: 10"));

        DiagnosticAssert.Clean(run);
        Assert.Contains("global::SciDsl.Loss.Huber,", run.Source("Run1.Experiment.g.cs"));
        Assert.Contains("HuberDelta: 0.5);", run.Source("Run1.Experiment.g.cs"));
    }

    [Fact]
    public void Declared_normalisation_reaches_Config_and_is_off_by_default()
    {
        var declared = GeneratorHarness.Run(Source("[Supervised(Loss.CrossEntropy)]", "[Train(TestSplit = 0.2, Normalize = true)]"));
        var undeclared = GeneratorHarness.Run(Source("[Supervised(Loss.CrossEntropy)]", "[Train(Normalize = false)]"));

        DiagnosticAssert.Clean(declared);
        DiagnosticAssert.Clean(undeclared);
        var lines = declared.Source("Run1.Experiment.g.cs").ReplaceLineEndings("\n").Split('\n').Select(line => line.Trim());
        Assert.Contains("TestSplit: 0.2,\nNormalize: true);", string.Join("\n", lines));
        Assert.DoesNotContain("Normalize", undeclared.Source("Run1.Experiment.g.cs"));
    }

    [Fact]
    public void SD3003_early_stopping_on_a_metric_the_loss_does_not_compute()
    {
        SingleError(Source("[Supervised(Loss.CrossEntropy)]", "[Train(EarlyStopping = \"val_r2\")]"), 10,
            "EarlyStopping must be one of \"val_loss\", \"val_accuracy\", \"val_balanced_accuracy\", \"val_macro_f1\", \"val_roc_auc\", \"val_iou\", \"val_dice\" for Loss.CrossEntropy but is \"val_r2\"");
    }

    [Fact]
    public void SD3003_early_stopping_on_a_validation_metric_without_validation()
    {
        SingleError(Source("[Supervised(Loss.CrossEntropy)]", "[Train(EarlyStopping = \"val_accuracy\", ValidationSplit = 0)]"), 10,
            "EarlyStopping must be \"val_loss\" without a validation split");
    }

    [Fact]
    public void SD3003_class_weights_not_one_per_class()
    {
        SingleError(Source("[Supervised(Loss.CrossEntropy, ClassWeights = new[] { 1.0, 2.0 })]"), 9,
            "ClassWeights must be one weight per class of Images (10) but is 2 weights");
    }

    [Fact]
    public void Multi_label_experiments_stop_early_on_their_label_metrics_and_not_on_regression_ones()
    {
        string Declared(string metric) => Source("[Supervised(Loss.BCEWithLogits)]", $"[Train(EarlyStopping = \"{metric}\")]").Replace("class: 10", "value: 10");

        DiagnosticAssert.Clean(GeneratorHarness.Run(Declared("val_macro_f1")));
        SingleError(Declared("val_r2"), 10, "\"val_loss\", \"val_accuracy\", \"val_macro_f1\", \"val_roc_auc\" for Loss.BCEWithLogits");
    }

    [Theory]
    [InlineData("[Supervised(Loss.CrossEntropy, LabelSmoothing = 1.0)]", 9, "LabelSmoothing must be in [0, 1)")]
    [InlineData("[Supervised(Loss.CrossEntropy)]\n[Train(GradientClipNorm = -1)]", 10, "GradientClipNorm must be a finite number >= 0")]
    [InlineData("[Supervised(Loss.CrossEntropy)]\n[Schedule(LrSchedule.Cosine, WarmupEpochs = 11)]", 10, "WarmupEpochs must be in [0, Epochs = 10]")]
    [InlineData("[Supervised(Loss.CrossEntropy)]\n[Schedule(LrSchedule.Step, Gamma = 2)]", 10, "Gamma must be in (0, 1]")]
    public void SD3003_out_of_range_settings(string rows, int line, string words)
    {
        SingleError(Source(rows), line, words);
    }
}
