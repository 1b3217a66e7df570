using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// <c>[Augment]</c> and <c>[Mixup]</c>: emitted into <c>Config</c> so <c>Run()</c> trains with them, and checked against the
/// data and loss at the attribute's line (the experiment's attributes start on line 8, <c>[Supervised]</c> first).
/// </summary>
public class AugmentationDiagnosticsTests
{
    private static string Source(string sample, string target, params string[] rows) =>
        "using SciDsl;\n" +
        "using TorchSharp;\n" +
        $"[Model(\"x: B,{sample}\")]\n" +
        $"[Flatten, Linear({target.Split(':')[1].Trim()})]\n" +
        "public partial class Net;\n" +
        $"[Dataset(\"x: {sample}\", Target = \"{target}\")]\n" +
        "public partial class Samples : IDataSource\n" +
        "{ public LabelledData Load() => throw new System.NotSupportedException(); }\n" +
        "[Experiment(typeof(Net), typeof(Samples))]\n" +
        string.Concat(rows.Select(row => row + "\n")) +
        "public partial class Run1\n" +
        "{\n" +
        "    static torch.Tensor Smear(torch.Tensor batch, torch.Generator generator) => batch;\n" +
        "    static torch.Tensor Plain(torch.Tensor batch) => batch;\n" +
        "    static int Wrong(torch.Tensor batch) => 0;\n" +
        "}\n";

    private static string Images(params string[] rows) => Source("1,8,8", "class: 10", rows);

    private static void SingleError(string source, string id, int line, params string[] words)
    {
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), id, line, words);
    }

    [Fact]
    public void Augment_and_Mixup_reach_Config_with_the_user_method()
    {
        var run = GeneratorHarness.Run(Images("[Supervised(Loss.CrossEntropy)]",
            "[Augment(FlipHorizontal = 0.5, CropPadding = 2, CropFill = PaddingFill.Reflect, Noise = 0.05, Method = nameof(Smear))]",
            "[Mixup(MixKind.CutMix, Alpha = 1.0)]"));

        DiagnosticAssert.Clean(run);
        string config = run.Source("Run1.Experiment.g.cs");
        Assert.Contains("Augmentation: global::SciDsl.Augmentation.From(new global::SciDsl.AugmentAttribute { FlipHorizontal = 0.5, CropPadding = 2, " +
            "CropFill = global::SciDsl.PaddingFill.Reflect, Noise = 0.05, Method = nameof(Smear) }, Smear),", config);
        Assert.Contains("Mixing: new global::SciDsl.MixSetting(global::SciDsl.MixKind.CutMix, Alpha: 1));", config);
    }

    [Fact]
    public void A_method_without_a_generator_is_adapted()
    {
        var run = GeneratorHarness.Run(Images("[Supervised(Loss.CrossEntropy)]", "[Augment(Method = nameof(Plain))]"));

        DiagnosticAssert.Clean(run);
        Assert.Contains("Augmentation: global::SciDsl.Augmentation.From(new global::SciDsl.AugmentAttribute { Method = nameof(Plain) }, (batch, _) => Plain(batch)));",
            run.Source("Run1.Experiment.g.cs"));
    }

    [Fact]
    public void Without_the_attributes_Config_has_no_augmentation()
    {
        var run = GeneratorHarness.Run(Images("[Supervised(Loss.CrossEntropy)]"));

        DiagnosticAssert.Clean(run);
        Assert.DoesNotContain("Augmentation", run.Source("Run1.Experiment.g.cs"));
        Assert.DoesNotContain("Mixing", run.Source("Run1.Experiment.g.cs"));
    }

    [Theory]
    [InlineData("[Augment(FlipHorizontal = 1.5)]", "[Augment] FlipHorizontal must be a probability in [0, 1] (0 = off) but is 1.5")]
    [InlineData("[Augment(Noise = -0.1)]", "[Augment] Noise must be a finite number >= 0 (0 = off) but is -0.1")]
    [InlineData("[Augment(CropPadding = -1)]", "[Augment] CropPadding must be a finite number >= 0 (0 = off) but is -1")]
    [InlineData("[Mixup(Alpha = 0)]", "[Mixup] Alpha must be a positive finite number but is 0")]
    public void SD3003_values_out_of_range(string row, string words) =>
        SingleError(Images("[Supervised(Loss.CrossEntropy)]", row), "SD3003", 11, words);

    [Theory]
    [InlineData("[Augment(FlipHorizontal = 0.5)]", "FlipHorizontal must be 0 (off) for dataset Samples, whose samples [4, 20] are not images [C,H,W]")]
    [InlineData("[Augment(RotationDegrees = 10)]", "RotationDegrees must be 0 (off) for dataset Samples, whose samples [4, 20] are not images")]
    [InlineData("[Mixup(MixKind.CutMix)]", "[Mixup] kind must be MixKind.Mixup for dataset Samples, whose samples [4, 20] are not images")]
    public void SD3003_image_augmentation_on_sequences(string row, string words) =>
        SingleError(Source("4,20", "class: 3", "[Supervised(Loss.CrossEntropy)]", row), "SD3003", 11, words);

    [Fact]
    public void SD3003_reverse_complement_on_images()
    {
        SingleError(Images("[Supervised(Loss.CrossEntropy)]", "[Augment(ReverseComplement = 0.5)]"), "SD3003", 11,
            "ReverseComplement must be 0 (off) for dataset Samples, whose samples [1, 8, 8] are not one-hot DNA [4,L]");
    }

    [Fact]
    public void Reverse_complement_and_shift_fit_DNA()
    {
        DiagnosticAssert.Clean(GeneratorHarness.Run(Source("4,20", "class: 2", "[Supervised(Loss.CrossEntropy)]", "[Augment(ReverseComplement = 0.5, Shift = 2)]")));
    }

    [Fact]
    public void SD1006_mixup_with_value_targets()
    {
        SingleError(Source("1,8,8", "value: 1", "[Supervised(Loss.MSE)]", "[Mixup]"), "SD1006", 11,
            "[Mixup] mixes class targets", "the loss is Loss.MSE and dataset Samples declares Target = \"value: 1\"", "remove [Mixup]");
    }

    [Fact]
    public void SD2002_augment_method_that_does_not_exist()
    {
        SingleError(Images("[Supervised(Loss.CrossEntropy)]", "[Augment(Method = \"Blur\")]"), "SD2002", 11,
            "[Augment] of experiment Run1 refers to 'Blur', which is not a method of Run1", "static Tensor Blur(Tensor batch, torch.Generator generator)");
    }

    [Fact]
    public void SD2003_augment_method_with_the_wrong_signature()
    {
        SingleError(Images("[Supervised(Loss.CrossEntropy)]", "[Augment(Method = nameof(Wrong))]"), "SD2003", 11,
            "Method Wrong must be declared as static Tensor Wrong(Tensor batch, torch.Generator generator)", "but is static int Wrong(Tensor batch)");
    }
}
