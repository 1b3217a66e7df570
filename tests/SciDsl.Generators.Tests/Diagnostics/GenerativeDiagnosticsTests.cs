using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// <c>[Vae]</c> and <c>[Gan]</c> on real source: a fitting declaration emits <c>Run</c> with the paradigm's trainer (and no
/// supervised check fires on a model with three outputs), and each wrong declaration is an error at the attribute's line.
/// </summary>
public class GenerativeDiagnosticsTests
{
    private const string Digits =
        "[Dataset(\"x: 1,8,8\", Target = \"class: 10\")]\n" +
        "public partial class Digits : IDataSource\n" +
        "{ public LabelledData Load() => throw new System.NotSupportedException(); }\n";

    /// <summary>A VAE on 8×8 images; <paramref name="decoderEnd"/> shapes the reconstruction, <paramref name="outputs"/> names the outputs.</summary>
    private static string Autoencoder(string outputs = "\"recon\", \"mu\", \"logvar\"", string decoderEnd = ", Reshape(\"B,1,8,8\", Name = \"recon\")", int logVarianceWidth = 4) =>
        "[Model(\"x: B,1,8,8\")]\n" +
        "[Flatten, Linear(32), ReLU(Name = \"hidden\")]\n" +
        "[Linear(4, From = \"hidden\", Name = \"mu\")]\n" +
        $"[Linear({logVarianceWidth}, From = \"hidden\", Name = \"logvar\")]\n" +
        "[Linear(64, From = \"mu\")" + decoderEnd + "]\n" +
        $"[Output({outputs})]\n" +
        "public partial class Autoencoder;\n";

    private static string Generator(string input = "z: B,16", string end = "[Linear(64), Reshape(\"B,1,8,8\")]") =>
        $"[Model(\"{input}\")]\n[Flatten, Linear(32), ReLU]\n{end}\npublic partial class Generator;\n";

    private static string Critic(string input = "x: B,1,8,8", string end = "[Linear(1)]") =>
        $"[Model(\"{input}\")]\n[Flatten, Linear(32), LeakyReLU]\n{end}\npublic partial class Critic;\n";

    /// <summary>The source, and the line of the first attribute in <paramref name="rows"/> (the paradigm's).</summary>
    private static (string Source, int Line) Experiment(string models, string model, params string[] rows)
    {
        string head = "using SciDsl;\n" + models + Digits + $"[Experiment(typeof({model}), typeof(Digits))]\n";
        return (head + string.Concat(rows.Select(row => row + "\n")) + "public partial class Run1;\n", head.Count(c => c == '\n') + 1);
    }

    private static void SingleError((string Source, int Line) experiment, string id, params string[] words)
    {
        var run = GeneratorHarness.Run(experiment.Source);
        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), id, experiment.Line, words);
    }

    [Fact]
    public void A_fitting_vae_emits_Run_with_the_vae_trainer_its_settings_and_its_outputs_by_role()
    {
        var run = GeneratorHarness.Run(Experiment(Autoencoder("\"mu\", \"logvar\", \"recon\""), "Autoencoder",
            "[Vae(Beta = 2.5, KlWarmupEpochs = 3, ReconstructionLoss = Loss.BCEWithLogits)]").Source);

        DiagnosticAssert.Clean(run);
        string code = run.Source("Run1.Experiment.g.cs");
        Assert.Contains("global::SciDsl.Loss.BCEWithLogits,", code);
        Assert.Contains("global::SciDsl.VaeTrainer.Run(Config, () => new global::Autoencoder(),", code);
        Assert.Contains("return new global::SciDsl.VaeOutputs(outputs.Item3, outputs.Item1, outputs.Item2);", code);
        Assert.Contains("new global::SciDsl.VaeSettings(Beta: 2.5, KlWarmupEpochs: 3), experimentName: \"Run1\");", code);
    }

    [Fact]
    public void SD3003_normalize_with_a_vae_reconstructing_probabilities_is_an_error_at_the_vae_attribute()
    {
        var probabilities = Experiment(Autoencoder(), "Autoencoder", "[Vae(ReconstructionLoss = Loss.BCEWithLogits)]", "[Train(Normalize = true)]");
        SingleError(probabilities, "SD3003",
            "Experiment 'Run1': [Train] Normalize must be false when the VAE reconstructs probabilities (ReconstructionLoss = Loss.BCEWithLogits) but is true",
            "[Vae(ReconstructionLoss = Loss.MSE)]");

        var standardised = GeneratorHarness.Run(Experiment(Autoencoder(), "Autoencoder", "[Vae(ReconstructionLoss = Loss.MSE)]", "[Train(Normalize = true)]").Source);
        DiagnosticAssert.Clean(standardised);
        Assert.Contains("Normalize: true", standardised.Source("Run1.Experiment.g.cs"));
    }

    [Fact]
    public void SD3070_a_vae_model_without_a_log_variance_output_names_its_outputs()
    {
        SingleError(Experiment(Autoencoder("\"recon\", \"mu\""), "Autoencoder", "[Vae]"), "SD3070",
            "Experiment 'Run1': [Vae] needs the log-variance as a model output named 'logvar', but model Autoencoder outputs (recon, mu); " +
            "list the node in [Output(...)] of Autoencoder, or name the output with [Vae(LogVariance = \"...\")]");
    }

    [Fact]
    public void SD3070_a_vae_naming_an_output_the_model_lacks()
    {
        SingleError(Experiment(Autoencoder(), "Autoencoder", "[Vae(Mean = \"mean\")]"), "SD3070",
            "[Vae] needs the mean as a model output named 'mean', but model Autoencoder outputs (recon, mu, logvar)");
    }

    [Fact]
    public void SD3071_a_reconstruction_of_another_shape_than_the_input()
    {
        SingleError(Experiment(Autoencoder(decoderEnd: ", ReLU(Name = \"recon\")"), "Autoencoder", "[Vae]"), "SD3071",
            "Experiment 'Run1': [Vae] needs the reconstruction 'recon' to have the input's shape [B, 1, 8, 8], but it is [B, 64]; " +
            "end the decoder with layers that give [B, 1, 8, 8], e.g. [Reshape(\"B,1,8,8\")]");
    }

    [Fact]
    public void SD3071_mean_and_log_variance_of_different_widths()
    {
        SingleError(Experiment(Autoencoder(logVarianceWidth: 3), "Autoencoder", "[Vae]"), "SD3071",
            "[Vae] needs the mean and the log-variance to have equal shapes, but 'mu' is [B, 4] and 'logvar' is [B, 3]; give both heads the same width");
    }

    [Theory]
    [InlineData("[Vae(Beta = -1)]", "Beta must be a finite number >= 0 but is -1")]
    [InlineData("[Vae(KlWarmupEpochs = -2)]", "KlWarmupEpochs must be >= 0 (0 = full β from the start) but is -2")]
    [InlineData("[Vae(ReconstructionLoss = Loss.CrossEntropy)]", "ReconstructionLoss must be Loss.MSE or Loss.BCEWithLogits but is Loss.CrossEntropy")]
    public void SD3003_vae_settings_out_of_range(string row, string words) =>
        SingleError(Experiment(Autoencoder(), "Autoencoder", row), "SD3003", words);

    /// <summary>[Supervised]'s own loss check (SD1006: the class target) fires too; SD3074 says which to drop.</summary>
    [Fact]
    public void SD3074_a_vae_that_is_also_supervised()
    {
        var (source, line) = Experiment(Autoencoder(), "Autoencoder", "[Vae]", "[Supervised(Loss.MSE)]");
        var run = GeneratorHarness.Run(source);

        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics, d => d.Id == "SD3074"), "SD3074", line,
            "Experiment 'Run1': [Vae] trains the model its own way and cannot be combined with [Supervised]; keep one of them");
    }

    [Fact]
    public void SD3003_early_stopping_on_another_metric_than_the_validation_loss()
    {
        SingleError(Experiment(Autoencoder(), "Autoencoder", "[Train(EarlyStopping = \"val_mse\")]", "[Vae]"), "SD3003",
            "EarlyStopping must be \"val_loss\" for [Vae] and [Gan]", "\"val_mse\"");
        SingleError(Experiment(Generator() + Critic(), "Generator", "[Train(EarlyStopping = \"val_accuracy\")]", "[Gan(typeof(Critic))]"), "SD3003",
            "EarlyStopping must be \"val_loss\" for [Vae] and [Gan]", "\"val_accuracy\"");
    }

    [Fact]
    public void A_fitting_gan_emits_Run_with_the_gan_trainer_the_discriminator_and_the_latent_size()
    {
        var run = GeneratorHarness.Run(Experiment(Generator() + Critic(), "Generator", "[Gan(typeof(Critic))]").Source);

        DiagnosticAssert.Clean(run);
        string code = run.Source("Run1.Experiment.g.cs");
        Assert.Contains("public global::SciDsl.GanResult<global::Generator, global::Critic> Run(global::SciDsl.TrainOptions? options = null) =>", code);
        Assert.Contains("global::SciDsl.GanTrainer.Run(Config, () => new global::Generator(), () => new global::Critic(), 16, new global::Digits(), global::Digits.Signature, options,", code);
    }

    [Fact]
    public void SD3072_a_discriminator_with_two_outputs_per_sample()
    {
        SingleError(Experiment(Generator() + Critic(end: "[Linear(2)]"), "Generator", "[Gan(typeof(Critic))]"), "SD3072",
            "Experiment 'Run1': [Gan]'s discriminator Critic outputs [B, 2], not one logit per sample [B, 1]; end it with [Flatten, Linear(1)]");
    }

    [Fact]
    public void SD3072_a_discriminator_that_takes_other_samples()
    {
        SingleError(Experiment(Generator() + Critic(input: "x: B,64"), "Generator", "[Gan(typeof(Critic))]"), "SD3072",
            "[Gan]'s discriminator Critic takes [B, 64] but dataset Digits has samples [1, 8, 8]; declare its input as \"x: B,1,8,8\"");
    }

    [Fact]
    public void SD3072_a_discriminator_that_is_not_a_model()
    {
        SingleError(Experiment(Generator() + "public class Critic { }\n", "Generator", "[Gan(typeof(Critic))]"), "SD3072",
            "[Gan]'s discriminator Critic is not a [Model] class; declare Critic with [Model(\"x: ...\")] and layers ending in [Linear(1)]");
    }

    [Fact]
    public void SD3073_a_generator_whose_samples_have_another_shape()
    {
        SingleError(Experiment(Generator(end: "[Linear(64)]") + Critic(), "Generator", "[Gan(typeof(Critic))]"), "SD3073",
            "Experiment 'Run1': generator Generator outputs [B, 64] but dataset Digits has samples [1, 8, 8]; " +
            "end it with layers that give [B, 1, 8, 8], e.g. [Reshape(\"B,1,8,8\")]");
    }

    [Fact]
    public void SD3073_a_generator_without_a_latent_vector_input()
    {
        SingleError(Experiment(Generator(input: "z: B,4,4") + Critic(), "Generator", "[Gan(typeof(Critic))]"), "SD3073",
            "generator Generator takes [B, 4, 4], not a latent vector [B, k]; declare its input as a vector of noise, e.g. [Model(\"z: B,16\")]");
    }
}
