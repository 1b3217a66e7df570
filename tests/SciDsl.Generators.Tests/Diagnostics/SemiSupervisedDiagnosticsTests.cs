using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// <c>[SemiSupervised]</c>: emitted so <c>Run()</c> calls the semi-supervised trainer, and checked at the attribute's line
/// (line 14; <c>[Supervised]</c> is on line 13): SD3020 (no usable unlabelled data), SD3021 (unlabelled samples that do not
/// fit), SD3022 (no class targets or cross-entropy), SD3003 (settings out of range).
/// </summary>
public class SemiSupervisedDiagnosticsTests
{
    private const int AttributeLine = 14;

    private static string Source(string semiSupervised, string supervised = "[Supervised(Loss.CrossEntropy)]", string target = "class: 10",
        string unlabelledSample = "1,8,8", string unlabelledTarget = "") =>
        "using SciDsl;\n" +
        "[Model(\"x: B,1,8,8\")]\n" +
        "[Flatten, Linear(10)]\n" +
        "public partial class Net;\n" +
        $"[Dataset(\"x: 1,8,8\", Target = \"{target}\")]\n" +
        "public partial class Samples : IDataSource\n" +
        "{ public LabelledData Load() => throw new System.NotSupportedException(); }\n" +
        $"[Dataset(\"x: {unlabelledSample}\"{unlabelledTarget})]\n" +
        "public partial class Pool : ISampleSource\n" +
        "{ public SampleSet LoadSamples() => throw new System.NotSupportedException(); }\n" +
        "public class NotData { }\n" +
        "[Experiment(typeof(Net), typeof(Samples))]\n" +
        $"{supervised}\n" +
        $"{semiSupervised}\n" +
        "public partial class Run1;\n";

    private static void SingleError(string source, string id, params string[] words)
    {
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), id, AttributeLine, words);
    }

    [Fact]
    public void Run_calls_the_semi_supervised_trainer_with_the_declared_settings()
    {
        var run = GeneratorHarness.Run(Source("[SemiSupervised(SemiSupervisedMethod.MeanTeacher, Unlabelled = typeof(Pool), UnlabelledWeight = 10, EmaDecay = 0.95)]"));

        DiagnosticAssert.Clean(run);
        string experiment = run.Source("Run1.Experiment.g.cs");
        Assert.Contains("global::SciDsl.SemiSupervisedTrainer.Run(Config, () => new global::Net(), new global::Samples(), global::Samples.Signature,", experiment);
        Assert.Contains("new global::Pool(), global::Pool.Signature, options, SemiSupervised, \"Run1\");", experiment);
        Assert.Contains("UnlabelledWeight: 10,", experiment);
        Assert.Contains("Method: global::SciDsl.SemiSupervisedMethod.MeanTeacher,", experiment);
        Assert.Contains("EmaDecay: 0.95);", experiment);
        Assert.DoesNotContain("SupervisedTrainer.Run(Config", experiment.Replace("SemiSupervisedTrainer", ""));
    }

    [Fact]
    public void SD3020_without_unlabelled_data() =>
        SingleError(Source("[SemiSupervised(SemiSupervisedMethod.FixMatch)]"), "SD3020",
            "[SemiSupervised] learns from unlabelled samples, but it names no unlabelled data set",
            "add Unlabelled = typeof(SamplesUnlabelled), a [Dataset(\"x: 1,8,8\")] class without Target implementing ISampleSource");

    [Fact]
    public void SD3020_unlabelled_type_that_is_not_a_dataset() =>
        SingleError(Source("[SemiSupervised(SemiSupervisedMethod.FixMatch, Unlabelled = typeof(NotData))]"), "SD3020",
            "Unlabelled = typeof(NotData) is not a [Dataset] class");

    [Fact]
    public void SD3020_unlabelled_data_set_with_targets() =>
        SingleError(Source("[SemiSupervised(SemiSupervisedMethod.PseudoLabel, Unlabelled = typeof(Pool))]", unlabelledTarget: ", Target = \"class: 10\""), "SD3020",
            "Unlabelled = typeof(Pool) declares Target = \"class: 10\"", "remove the Target from Pool's [Dataset]");

    [Fact]
    public void SD3021_unlabelled_samples_of_another_shape() =>
        SingleError(Source("[SemiSupervised(SemiSupervisedMethod.FixMatch, Unlabelled = typeof(Pool))]", unlabelledSample: "64"), "SD3021",
            "the unlabelled samples of Pool are x: [64], but the model takes the labelled samples of Samples, x: [1, 8, 8]",
            "declare Pool as [Dataset(\"x: 1,8,8\")]");

    [Fact]
    public void SD3022_without_a_supervised_loss() =>
        SingleError(Source("[SemiSupervised(SemiSupervisedMethod.FixMatch, Unlabelled = typeof(Pool))]", supervised: "[Train(Epochs = 3)]"), "SD3022",
            "so it needs a labelled loss, but the experiment has no [Supervised]; add [Supervised(Loss.CrossEntropy)]");

    [Fact]
    public void SD3022_with_a_regression_loss() =>
        SingleError(Source("[SemiSupervised(SemiSupervisedMethod.FixMatch, Unlabelled = typeof(Pool))]", supervised: "[Supervised(Loss.MSE)]", target: "value: 10"), "SD3022",
            "so it needs Loss.CrossEntropy, but [Supervised] declares Loss.MSE");

    [Fact]
    public void SD3022_with_value_targets_beside_SD1006()
    {
        var run = GeneratorHarness.Run(Source("[SemiSupervised(SemiSupervisedMethod.FixMatch, Unlabelled = typeof(Pool))]", target: "value: 10"));

        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics, d => d.Id == "SD3022"), "SD3022", AttributeLine, "so it needs class targets, but dataset Samples declares Target = \"value: 10\"");
        Assert.Contains(run.SciDslDiagnostics, d => d.Id == "SD1006");
    }

    [Theory]
    [InlineData("Threshold = 0", "[SemiSupervised] Threshold must be in (0, 1] but is 0")]
    [InlineData("Threshold = 1.5", "[SemiSupervised] Threshold must be in (0, 1] but is 1.5")]
    [InlineData("UnlabelledWeight = -1", "[SemiSupervised] UnlabelledWeight must be a finite number >= 0 but is -1")]
    [InlineData("RampUpEpochs = -2", "[SemiSupervised] RampUpEpochs must be >= 0 (0 = full weight from the start) but is -2")]
    [InlineData("UnlabelledRatio = 0", "[SemiSupervised] UnlabelledRatio must be positive but is 0")]
    [InlineData("EmaDecay = 1", "[SemiSupervised] EmaDecay must be in [0, 1) but is 1")]
    public void SD3003_settings_out_of_range(string setting, string words) =>
        SingleError(Source($"[SemiSupervised(SemiSupervisedMethod.MeanTeacher, Unlabelled = typeof(Pool), {setting})]"), "SD3003", words);
}
