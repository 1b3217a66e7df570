using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// <c>[TransferLearning]</c>: emitted as the experiment's <c>Transfer</c> settings with <c>Run()</c> calling
/// <c>TransferTrainer</c>, and checked at the attribute's line (the fine-tuning experiment's attributes start on line 20).
/// </summary>
public class TransferLearningDiagnosticsTests
{
    private static string Source(params string[] rows) =>
        "using SciDsl;\n" +
        "[Model(\"x: B,1,8,8\")]\n" +
        "[Conv2d(4, Kernel = 3, Padding = 1, Name = \"conv\")]\n" +
        "[Flatten, Linear(10, Name = \"fc\")]\n" +
        "public partial class Net;\n" +
        "[Model(\"x: B,1,8,8\")]\n" +
        "[Conv2d(8, Kernel = 3, Padding = 1, Name = \"conv\")]\n" +
        "[Flatten, Linear(10, Name = \"fc\")]\n" +
        "public partial class WideNet;\n" +
        "[Dataset(\"x: 1,8,8\", Target = \"class: 10\")]\n" +
        "public partial class Samples : IDataSource\n" +
        "{ public LabelledData Load() => throw new System.NotSupportedException(); }\n" +
        "[Experiment(typeof(WideNet), typeof(Samples))]\n" +
        "[Supervised(Loss.CrossEntropy)]\n" +
        "public partial class WidePretrain;\n" +
        "[Experiment(typeof(Net), typeof(Samples))]\n" +
        "[Supervised(Loss.CrossEntropy)]\n" +
        "public partial class NetPretrain;\n" +
        "[Experiment(typeof(Net), typeof(Samples))]\n" +
        string.Concat(rows.Select(row => row + "\n")) +
        "public partial class FineTune;\n";

    private static string Supervised(string transfer) => Source("[Supervised(Loss.CrossEntropy)]", transfer);

    private static void SingleError(string source, string id, int line, params string[] words)
    {
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), id, line, words);
    }

    [Fact]
    public void A_PyTorch_source_with_every_setting_reaches_Transfer_and_Run_uses_the_transfer_trainer()
    {
        var run = GeneratorHarness.Run(Supervised("[TransferLearning(PyTorch = \"weights/net.pt\", NameMap = new[] { \"features.0=conv\", \"classifier=fc\" }, " +
            "Freeze = new[] { \"conv\" }, ReplaceHead = \"fc\", LearningRateMultiplier = 0.1, LayerRates = new[] { \"flatten_1=0.5\" })]"));

        DiagnosticAssert.Clean(run);
        string experiment = run.Source("FineTune.Experiment.g.cs");
        Assert.Contains("global::SciDsl.TransferTrainer.Run(Config, () => new global::Net(), new global::Samples(), global::Samples.Signature, Transfer, options,", experiment);
        Assert.Contains("public static global::SciDsl.TransferSettings Transfer { get; } = new(() => global::SciDsl.PretrainedWeights.FromPyTorch(\"weights/net.pt\"))", experiment);
        Assert.Contains("NameMap = new global::System.Collections.Generic.Dictionary<string, string> { [\"features.0\"] = \"conv\", [\"classifier\"] = \"fc\" },", experiment);
        Assert.Contains("Freeze = new[] { \"conv\" },", experiment);
        Assert.Contains("ReplaceHead = new[] { \"fc\" },", experiment);
        Assert.Contains("PretrainedRate = 0.1,", experiment);
        Assert.Contains("LayerRates = new global::System.Collections.Generic.Dictionary<string, double> { [\"flatten_1\"] = 0.5 },", experiment);
    }

    [Fact]
    public void Another_experiment_on_the_same_model_is_a_source_read_from_its_checkpoint()
    {
        var run = GeneratorHarness.Run(Supervised("[TransferLearning(From = typeof(NetPretrain))]"));

        DiagnosticAssert.Clean(run);
        Assert.Contains("Transfer { get; } = new(() => global::SciDsl.PretrainedWeights.FromExperiment(\"NetPretrain\"));", run.Source("FineTune.Experiment.g.cs"));
    }

    [Fact]
    public void A_source_experiment_whose_other_layers_fit_is_accepted_with_those_replaced()
    {
        var run = GeneratorHarness.Run(Supervised("[TransferLearning(From = typeof(WidePretrain), ReplaceHead = \"conv, fc\")]"));

        DiagnosticAssert.Clean(run);
    }

    [Fact]
    public void Without_the_attribute_Run_stays_supervised()
    {
        var run = GeneratorHarness.Run(Source("[Supervised(Loss.CrossEntropy)]"));

        DiagnosticAssert.Clean(run);
        Assert.Contains("global::SciDsl.SupervisedTrainer.Run(", run.Source("FineTune.Experiment.g.cs"));
        Assert.DoesNotContain("Transfer", run.Source("FineTune.Experiment.g.cs"));
    }

    [Theory]
    [InlineData("[TransferLearning(Freeze = new[] { \"conv\" })]", "names no weights source", "add Checkpoint = \"pretrained.ckpt\"")]
    [InlineData("[TransferLearning(Checkpoint = \"a.ckpt\", From = typeof(NetPretrain))]", "names 2 weights sources (Checkpoint, From)", "keep exactly one")]
    [InlineData("[TransferLearning(From = typeof(Samples))]", "From = typeof(Samples) names no [Experiment] class")]
    [InlineData("[TransferLearning(From = typeof(FineTune))]", "From names the experiment itself")]
    public void SD3030_an_incomplete_source(string row, params string[] words) =>
        SingleError(Supervised(row), "SD3030", 21, words);

    [Fact]
    public void SD3030_without_Supervised() =>
        SingleError(Source("[TransferLearning(Checkpoint = \"a.ckpt\")]"), "SD3030", 20,
            "fine-tunes with a supervised loss, but the experiment has no [Supervised]", "add [Supervised(Loss.CrossEntropy)]");

    [Fact]
    public void SD3031_a_source_experiment_whose_model_does_not_fit() =>
        SingleError(Supervised("[TransferLearning(From = typeof(WidePretrain), ReplaceHead = \"fc\")]"), "SD3031", 21,
            "From = typeof(WidePretrain) trains model WideNet, whose layers do not fit Net",
            "'conv' is Conv2d(1, 8, kernel_size: 3, padding: 1) there but Conv2d(1, 4, kernel_size: 3, padding: 1) here",
            "list the differing layers in ReplaceHead");

    [Theory]
    [InlineData("Freeze = new[] { \"conx\" }", "[TransferLearning] Freeze of experiment FineTune refers to 'conx'", "did you mean 'conv'?")]
    [InlineData("ReplaceHead = \"head\"", "[TransferLearning] ReplaceHead of experiment FineTune refers to 'head', which is not a layer of model Net", "known names: conv, flatten_1, fc")]
    [InlineData("LayerRates = new[] { \"fc1=0.5\" }", "[TransferLearning] LayerRates of experiment FineTune refers to 'fc1'", "did you mean 'fc'?")]
    public void SD2002_a_layer_the_model_lacks(string setting, params string[] words) =>
        SingleError(Supervised($"[TransferLearning(Checkpoint = \"a.ckpt\", {setting})]"), "SD2002", 21, words);

    [Theory]
    [InlineData("LearningRateMultiplier = 0", "[TransferLearning] LearningRateMultiplier must be a finite multiplier > 0")]
    [InlineData("LayerRates = new[] { \"conv=-1\" }", "[TransferLearning] LayerRates entry must be \"layer=multiplier\" with a finite multiplier > 0 but is \"conv=-1\"")]
    [InlineData("LayerRates = new[] { \"conv\" }", "[TransferLearning] LayerRates entry must be \"layer=multiplier\"")]
    [InlineData("NameMap = new[] { \"features.0\" }", "[TransferLearning] NameMap entry must be \"source=model\"")]
    [InlineData("Freeze = new[] { \"fc\" }, ReplaceHead = \"fc\"", "[TransferLearning] Freeze must be free of the replaced head (a replaced layer must train) but is \"fc\", also in ReplaceHead")]
    [InlineData("Freeze = new[] { \"conv\" }, LayerRates = new[] { \"conv=0.1\" }", "[TransferLearning] LayerRates entry must be a layer that trains (not one in Freeze) but is frozen layer \"conv\"")]
    public void SD3003_malformed_entries_and_rates(string setting, string words) =>
        SingleError(Supervised($"[TransferLearning(Checkpoint = \"a.ckpt\", {setting})]"), "SD3003", 21, words);
}
