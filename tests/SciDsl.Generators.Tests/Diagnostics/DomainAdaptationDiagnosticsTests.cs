using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// <c>[DomainAdaptation]</c>: emitted as <c>DomainAdaptation</c> settings and a <c>Run</c> through
/// <c>DomainAdaptationTrainer</c>, and checked at the attribute's line (line 13, after <c>[Experiment]</c> on line 12).
/// </summary>
public class DomainAdaptationDiagnosticsTests
{
    private const int AttributeLine = 13;

    private static string Source(string adaptation, string targetSample = "1,8,8", string supervised = "", int classes = 10) =>
        "using SciDsl;\n" +
        "[Model(\"x: B,1,8,8\")]\n" +
        "[Flatten, Linear(32), ReLU(Name = \"features\")]\n" +
        $"[Linear({classes})]\n" +
        "public partial class Net;\n" +
        "[Dataset(\"x: 1,8,8\", Target = \"class: 10\")]\n" +
        "public partial class Source : IDataSource\n" +
        "{ public LabelledData Load() => throw new System.NotSupportedException(); }\n" +
        $"[Dataset(\"x: {targetSample}\")]\n" +
        "public partial class Target : ISampleSource\n" +
        "{ public SampleSet LoadSamples() => throw new System.NotSupportedException(); }\n" +
        "[Experiment(typeof(Net), typeof(Source))]\n" +
        adaptation + "\n" +
        supervised + "\n" +
        "public partial class Adapted;\n";

    private static void SingleError(string source, string id, params string[] words)
    {
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), id, AttributeLine, words);
    }

    [Fact]
    public void A_valid_declaration_runs_through_the_domain_adaptation_trainer_with_its_settings()
    {
        var run = GeneratorHarness.Run(Source(
            "[DomainAdaptation(Adaptation.Coral, FeatureLayer = \"features\", Target = typeof(Target), Weight = 0.5)]"));

        DiagnosticAssert.Clean(run);
        string experiment = run.Source("Adapted.Experiment.g.cs");
        Assert.Contains("global::SciDsl.Loss.CrossEntropy,", experiment);
        Assert.Contains("global::SciDsl.DomainAdaptationTrainer.Run(Config, () => new global::Net(), new global::Source(), " +
            "new global::Target().LoadSamples().Inputs[0], global::Source.Signature,", experiment);
        Assert.Contains("global::SciDsl.Adaptation.Coral, \"features\", Weight: 0.5, DomainHidden: 100);", experiment);
        // The named layer runs through call(), so the trainer's forward hook sees its output.
        Assert.Contains("features.call(", run.Source("Net.Module.g.cs"));
    }

    [Fact]
    public void A_misspelt_feature_layer_is_SD3040_with_the_closest_named_layer()
    {
        SingleError(Source("[DomainAdaptation(Adaptation.Dann, FeatureLayer = \"feature\", Target = typeof(Target))]"),
            "SD3040", "FeatureLayer \"feature\" names no layer of model Net", "known names: features (did you mean 'features'?)");
    }

    [Fact]
    public void A_layer_the_model_does_not_name_is_SD3040_saying_how_to_name_it()
    {
        SingleError(Source("[DomainAdaptation(Adaptation.Dann, FeatureLayer = \"linear_1\", Target = typeof(Target))]"),
            "SD3040", "FeatureLayer \"linear_1\" is Linear(32), whose name SciDsl generated", "add Name = \"features\" to that layer in Net");
    }

    [Fact]
    public void A_missing_target_is_SD3041()
    {
        SingleError(Source("[DomainAdaptation(Adaptation.Dann, FeatureLayer = \"features\")]"),
            "SD3041", "[DomainAdaptation] declares no target-domain data", "add Target = typeof(");
    }

    [Fact]
    public void A_target_that_is_not_a_dataset_is_SD3041()
    {
        SingleError(Source("[DomainAdaptation(Adaptation.Coral, FeatureLayer = \"features\", Target = typeof(Net))]"),
            "SD3041", "Target = typeof(Net) is not a [Dataset] class");
    }

    [Fact]
    public void Target_samples_that_do_not_fit_the_model_are_SD1005_at_the_attribute()
    {
        SingleError(Source("[DomainAdaptation(Adaptation.Dann, FeatureLayer = \"features\", Target = typeof(Target))]", targetSample: "1,16,16"),
            "SD1005", "dataset Target provides samples [1, 16, 16] but model Net takes [B, 1, 8, 8]", "dim 2 differs (16 vs 8)");
    }

    [Fact]
    public void A_head_that_does_not_fit_the_source_classes_is_SD1006_at_the_attribute_without_Supervised()
    {
        SingleError(Source("[DomainAdaptation(Adaptation.Dann, FeatureLayer = \"features\", Target = typeof(Target))]", classes: 5),
            "SD1006", "Loss.CrossEntropy on target 'class: 10' of dataset Source needs model outputs [B, 10]", "make the last layer Linear(10)");
    }

    [Theory]
    [InlineData("Weight = 0", "[DomainAdaptation] Weight must be a positive finite number but is 0")]
    [InlineData("Weight = double.NaN", "[DomainAdaptation] Weight must be a positive finite number but is NaN")]
    [InlineData("DomainHidden = 0", "[DomainAdaptation] DomainHidden must be positive but is 0")]
    [InlineData("Weight = -1", "[DomainAdaptation] Weight must be a positive finite number but is -1")]
    public void A_weight_or_size_out_of_range_is_SD3003(string setting, string message)
    {
        SingleError(Source($"[DomainAdaptation(Adaptation.Dann, FeatureLayer = \"features\", Target = typeof(Target), {setting})]"),
            "SD3003", message);
    }

    [Fact]
    public void A_regression_loss_beside_it_is_SD3003()
    {
        var run = GeneratorHarness.Run(Source(
            "[DomainAdaptation(Adaptation.Dann, FeatureLayer = \"features\", Target = typeof(Target))]", supervised: "[Supervised(Loss.MSE)]"));

        Assert.Empty(run.Crashes);
        var error = Assert.Single(run.SciDslDiagnostics, d => d.Id == "SD3003");
        DiagnosticAssert.AssertIs(error, "SD3003", AttributeLine, "[DomainAdaptation] [Supervised] loss must be Loss.CrossEntropy");
    }
}
