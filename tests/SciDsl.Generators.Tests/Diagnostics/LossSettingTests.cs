using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// SD3050: a <c>[Supervised]</c> setting that the declared loss or paradigm would silently ignore (label smoothing or
/// class weights without cross-entropy, a Huber delta without the Huber loss, class weights under a paradigm whose
/// labelled loss does not weight classes), reported at the <c>[Supervised]</c> line (line 9).
/// </summary>
public class LossSettingTests
{
    private const int SupervisedLine = 9;

    private static string Source(string supervised, string target = "class: 10", string output = "10", string extra = "") =>
        "using SciDsl;\n" +
        "[Model(\"x: B,1,8,8\")]\n" +
        $"[Flatten, Linear({output})]\n" +
        "public partial class Net;\n" +
        $"[Dataset(\"x: 1,8,8\", Target = \"{target}\")]\n" +
        "public partial class Images : IDataSource\n" +
        "{ public LabelledData Load() => throw new System.NotSupportedException(); }\n" +
        "[Experiment(typeof(Net), typeof(Images))]\n" +
        $"{supervised}\n" +
        extra +
        "public partial class Run1;\n" +
        "[Dataset(\"x: 1,8,8\")]\n" +
        "public partial class Pool : ISampleSource\n" +
        "{ public SampleSet LoadSamples() => throw new System.NotSupportedException(); }\n";

    private static void SingleError(string source, params string[] words)
    {
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), "SD3050", SupervisedLine, words);
    }

    [Fact]
    public void Label_smoothing_on_a_regression_loss_is_refused()
    {
        SingleError(Source("[Supervised(Loss.MSE, LabelSmoothing = 0.1)]", target: "value: 3", output: "3"),
            "LabelSmoothing", "Loss.MSE", "Loss.CrossEntropy", "remove LabelSmoothing");
    }

    [Fact]
    public void Class_weights_on_the_Dice_loss_are_refused()
    {
        SingleError(Source("[Supervised(Loss.Dice, ClassWeights = new[] { 1.0, 2, 1, 1, 1, 1, 1, 1, 1, 1 })]"),
            "ClassWeights", "Loss.Dice", "Loss.CrossEntropy");
    }

    [Fact]
    public void A_Huber_delta_on_cross_entropy_is_refused()
    {
        SingleError(Source("[Supervised(Loss.CrossEntropy, HuberDelta = 2)]"), "HuberDelta", "Loss.CrossEntropy", "Loss.Huber", "remove HuberDelta");
    }

    [Fact]
    public void Two_settings_the_loss_ignores_are_each_reported()
    {
        var run = GeneratorHarness.Run(Source("[Supervised(Loss.BCEWithLogits, LabelSmoothing = 0.1, HuberDelta = 0.5)]", target: "value: 10"));

        Assert.Empty(run.Crashes);
        Assert.Equal(["SD3050", "SD3050"], run.SciDslDiagnostics.Select(d => d.Id));
    }

    [Fact]
    public void Class_weights_under_semi_supervised_training_are_refused()
    {
        SingleError(Source("[Supervised(Loss.CrossEntropy, ClassWeights = new[] { 1.0, 2, 1, 1, 1, 1, 1, 1, 1, 1 })]",
                extra: "[SemiSupervised(SemiSupervisedMethod.PseudoLabel, Unlabelled = typeof(Pool))]\n"),
            "ClassWeights", "[SemiSupervised]");
    }

    [Fact]
    public void Settings_of_the_declared_loss_stay_allowed()
    {
        DiagnosticAssert.Clean(GeneratorHarness.Run(Source("[Supervised(Loss.CrossEntropy, LabelSmoothing = 0.1, ClassWeights = new[] { 1.0, 2, 1, 1, 1, 1, 1, 1, 1, 1 })]")));
        DiagnosticAssert.Clean(GeneratorHarness.Run(Source("[Supervised(Loss.Huber, HuberDelta = 0.5)]", target: "value: 10")));
    }
}
