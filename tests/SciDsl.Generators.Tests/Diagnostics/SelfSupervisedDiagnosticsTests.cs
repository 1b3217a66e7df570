using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// <c>[SelfSupervised]</c>: a fitting declaration makes <c>Run</c> call <c>SelfSupervisedTrainer</c> on unlabelled data
/// (no <c>[Supervised]</c>, no target, no supervised-only errors), and a model lacking what the method needs is an
/// error at the attribute's line (the experiment's attributes start on line 9).
/// </summary>
public class SelfSupervisedDiagnosticsTests
{
    private const string SimClrLayers = "[Flatten, Linear(32), ReLU(Name = \"features\"), Linear(16, Name = \"proj\"), Output(\"features\", \"proj\")]";
    private const string Contrastive = "[SelfSupervised(SelfSupervisedMethod.Contrastive, Encoder = \"features\", ProjectionHead = \"proj\")]";
    private const string Views = "[Augment(CropPadding = 1, Noise = 0.1)]";

    private static string Source(string input, string sample, string layers, params string[] rows) =>
        "using SciDsl;\n" +
        $"[Model(\"x: {input}\")]\n" +
        layers + "\n" +
        "public partial class Net;\n" +
        $"[Dataset(\"x: {sample}\")]\n" +
        "public partial class Unlabelled : ISampleSource\n" +
        "{ public SampleSet LoadSamples() => throw new System.NotSupportedException(); }\n" +
        "[Experiment(typeof(Net), typeof(Unlabelled))]\n" +
        string.Concat(rows.Select(row => row + "\n")) +
        "public partial class Pretrain;\n";

    private static string Images(string layers, params string[] rows) => Source("B,1,8,8", "1,8,8", layers, rows);

    private static void SingleError(string source, string id, int line, params string[] words)
    {
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), id, line, words);
    }

    [Fact]
    public void A_contrastive_experiment_on_unlabelled_images_runs_the_self_supervised_trainer()
    {
        var run = GeneratorHarness.Run(Images(SimClrLayers, Views, Contrastive.Replace(")]", ", Temperature = 0.2)]")));

        DiagnosticAssert.Clean(run);
        string experiment = run.Source("Pretrain.Experiment.g.cs");
        Assert.Contains("public global::SciDsl.SelfSupervisedResult<global::Net> Run(global::SciDsl.TrainOptions? options = null) =>", experiment);
        Assert.Contains("global::SciDsl.SelfSupervisedTrainer.Run(Config, () => new global::Net(), new global::Unlabelled().LoadSamples(), global::Unlabelled.Signature,", experiment);
        Assert.Contains("new global::SciDsl.SelfSupervisedSettings(global::SciDsl.SelfSupervisedMethod.Contrastive, Temperature: 0.2), options, experimentName: \"Pretrain\");", experiment);
    }

    [Fact]
    public void Contrastive_without_a_projection_head_names_what_to_write()
    {
        SingleError(Images(SimClrLayers, Views, "[SelfSupervised(SelfSupervisedMethod.Contrastive, Encoder = \"features\")]"), "SD3060", 10,
            "SelfSupervisedMethod.Contrastive needs a projection head", "ProjectionHead = \"proj\"");
    }

    [Fact]
    public void Contrastive_without_an_augmentation_for_its_views_is_an_error()
    {
        SingleError(Images(SimClrLayers, Contrastive), "SD3060", 9, "two different augmented views", "[Augment(CropPadding = 1, Noise = 0.1)]");
    }

    [Fact]
    public void A_misspelt_encoder_layer_gets_the_closest_name()
    {
        SingleError(Images(SimClrLayers, Views, Contrastive.Replace("Encoder = \"features\"", "Encoder = \"featurs\"")), "SD3061", 10,
            "Encoder = \"featurs\" names no layer of model Net", "did you mean 'features'?");
    }

    [Fact]
    public void A_model_that_does_not_return_representation_and_head_is_told_its_Output()
    {
        SingleError(Images(SimClrLayers.Replace("Output(\"features\", \"proj\")", "Output(\"proj\")"), Views, Contrastive), "SD3062", 10,
            "model Net returns (proj), but [SelfSupervised] trains on (features, proj)", "add [Output(\"features\", \"proj\")] to Net");
    }

    [Fact]
    public void An_autoencoder_whose_decoder_changes_the_shape_is_an_error()
    {
        string layers = "[Conv2d(4, Kernel = 3, Padding = 1), ReLU(Name = \"code\"), Conv2d(1, Kernel = 3, Name = \"reconstruction\"), Output(\"code\", \"reconstruction\")]";
        SingleError(Images(layers, "[SelfSupervised(SelfSupervisedMethod.Autoencoder, Encoder = \"code\", Decoder = \"reconstruction\")]"), "SD3063", 9,
            "Decoder \"reconstruction\" of model Net outputs [B, 1, 6, 6], but its input x is [B, 1, 8, 8]");
    }

    [Fact]
    public void A_fitting_autoencoder_is_clean_and_passes_its_noise_level()
    {
        string layers = "[Conv2d(4, Kernel = 3, Padding = 1), ReLU(Name = \"code\"), Conv2d(1, Kernel = 3, Padding = 1, Name = \"reconstruction\"), Output(\"code\", \"reconstruction\")]";
        var run = GeneratorHarness.Run(Images(layers, "[SelfSupervised(SelfSupervisedMethod.Denoising, Encoder = \"code\", Decoder = \"reconstruction\", NoiseLevel = 0.2)]"));

        DiagnosticAssert.Clean(run);
        Assert.Contains("new global::SciDsl.SelfSupervisedSettings(global::SciDsl.SelfSupervisedMethod.Denoising, NoiseLevel: 0.2)", run.Source("Pretrain.Experiment.g.cs"));
    }

    [Fact]
    public void Masked_prediction_on_images_is_an_error()
    {
        string layers = "[Flatten, Linear(32), ReLU(Name = \"features\"), Linear(64, Name = \"logits\"), Output(\"features\", \"logits\")]";
        SingleError(Images(layers, "[SelfSupervised(SelfSupervisedMethod.Masked, Encoder = \"features\", Predictor = \"logits\")]"), "SD3064", 9,
            "model Net takes x: float32[B, 1, 8, 8], not int64 [B, T] token ids", "\"tokens: int64[B,T]\"");
    }

    [Fact]
    public void SD3003_normalize_with_masked_token_prediction_is_an_error_at_the_attribute()
    {
        string layers = "[Embedding(17, 8, Name = \"embedded\"), Permute(0, 2, 1), GlobalAvgPool(Name = \"features\")]\n[Linear(17, From = \"embedded\", Name = \"logits\")]\n[Output(\"features\", \"logits\")]";
        string masked = "[SelfSupervised(SelfSupervisedMethod.Masked, Encoder = \"features\", Predictor = \"logits\")]";
        string Tokens(params string[] rows) => Source("B,16", "16", layers, rows).Replace("x: B,16", "tokens: int64[B,16]").Replace("x: 16", "tokens: int64[16]");

        DiagnosticAssert.Clean(GeneratorHarness.Run(Tokens(masked)));
        SingleError(Tokens(masked, "[Train(Normalize = true)]"), "SD3003", 11,
            "Experiment 'Pretrain': [Train] Normalize must be false for SelfSupervisedMethod.Masked (int64 token ids have no scale to standardise) but is true");
    }

    [Theory]
    [InlineData("Temperature = 0.0", "[SelfSupervised] Temperature must be in (0, 10] but is 0")]
    [InlineData("NoiseLevel = -1.0", "[SelfSupervised] NoiseLevel must be in (0, 10] but is -1")]
    [InlineData("MaskFraction = 1.0", "[SelfSupervised] MaskFraction must be in (0, 1) but is 1")]
    public void Settings_out_of_range_are_errors_at_the_attribute(string setting, string words)
    {
        SingleError(Images(SimClrLayers, Views, Contrastive.Replace(")]", $", {setting})]")), "SD3003", 10, words);
    }

    [Fact]
    public void Early_stopping_on_a_metric_other_than_the_validation_loss_is_an_error()
    {
        SingleError(Images(SimClrLayers, Views, Contrastive, "[Train(EarlyStopping = \"val_accuracy\", Patience = 2)]"), "SD3003", 10,
            "[Train] EarlyStopping must be \"val_loss\" for a self-supervised experiment");
    }
}
