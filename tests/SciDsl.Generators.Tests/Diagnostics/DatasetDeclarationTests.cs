using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// Data sets with several inputs per sample (<c>"x: N,F; adj: N,N"</c>) and without a target (unlabelled), on real
/// source: what the generator emits for them, and the diagnostics when an experiment cannot train on them.
/// A model on lines 1–4, the data set on lines 5–7, the experiment from line 8 on.
/// </summary>
public class DatasetDeclarationTests
{
    private static string Source(string dataset, string source = "IDataSource", string body = "{ public LabelledData Load() => throw new System.NotSupportedException(); }") =>
        "using SciDsl;\n" +
        "[Model(\"x: B,4\")]\n" +
        "[Linear(3)]\n" +
        "public partial class Net;\n" +
        $"{dataset}\n" +
        $"public partial class Samples : {source}\n" +
        $"{body}\n" +
        "[Experiment(typeof(Net), typeof(Samples))]\n" +
        "[Supervised(Loss.CrossEntropy)]\n" +
        "public partial class Run1;\n";

    private const string SampleSourceBody = "{ public SampleSet LoadSamples() => throw new System.NotSupportedException(); }";

    private static string DatasetOnly(string dataset) =>
        "using SciDsl;\n" + $"{dataset}\n" + "public partial class Samples : ISampleSource\n" + SampleSourceBody + "\n";

    /// <summary>Exactly one SciDsl diagnostic, and no experiment source generated (the model and data set still are).</summary>
    private static void OneError(GeneratorRun run, string id, int line, params string[] words)
    {
        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), id, line, words);
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith(".Experiment.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Several_inputs_become_a_signature_of_every_input_that_compiles()
    {
        var run = GeneratorHarness.Run(DatasetOnly("[Dataset(\"x: N,5; adj: N,N\", Target = \"class: 3\")]"));

        DiagnosticAssert.Clean(run);
        string generated = run.Source("Samples.Dataset.g.cs");
        Assert.Contains("global::SciDsl.DatasetSignature.OfInputs(", generated);
        Assert.Contains("[new(\"x\", global::SciDsl.TensorElementType.Float32, [\"N\", \"5\"]), " +
            "new(\"adj\", global::SciDsl.TensorElementType.Float32, [\"N\", \"N\"])],", generated);
        Assert.Contains("global::SciDsl.TargetKind.Class", generated);
    }

    [Fact]
    public void No_target_declares_unlabelled_samples()
    {
        var run = GeneratorHarness.Run(DatasetOnly("[Dataset(\"x: 1,8,8\")]"));

        DiagnosticAssert.Clean(run);
        string generated = run.Source("Samples.Dataset.g.cs");
        Assert.Contains("global::SciDsl.TargetKind.None,", generated);
        Assert.Contains("    0);", generated);
    }

    [Fact]
    public void SD2001_a_repeated_input_name_in_a_dataset()
    {
        var run = GeneratorHarness.Run(DatasetOnly("[Dataset(\"x: N,5; x: N,N\", Target = \"class: 3\")]"));

        Assert.Empty(run.Crashes);
        var diagnostic = Assert.Single(run.SciDslDiagnostics);
        DiagnosticAssert.AssertIs(diagnostic, "SD2001", 2, "x: N,5; x: N,N");
    }

    [Fact]
    public void SD1005_a_multi_input_dataset_in_a_supervised_experiment()
    {
        var run = GeneratorHarness.Run(Source("[Dataset(\"x: 4; adj: 4,4\", Target = \"class: 3\")]", "ISampleSource", SampleSourceBody));

        OneError(run, "SD1005", 8, "dataset Samples provides samples [4]; [4, 4]",
            "the dataset declares 2 inputs per sample (x, adj) but the model takes 1 (x)");
    }

    [Fact]
    public void SD1006_an_unlabelled_dataset_in_a_supervised_experiment()
    {
        var run = GeneratorHarness.Run(Source("[Dataset(\"x: 4\")]", "ISampleSource", SampleSourceBody));

        OneError(run, "SD1006", 9, "Loss.CrossEntropy needs a class target", "dataset Samples declares no Target (unlabelled samples)",
            "declare the Target of dataset Samples, e.g. Target = \"class: N\"");
    }

    [Fact]
    public void A_labelled_single_input_sample_source_trains_supervised_through_LoadSamples()
    {
        var run = GeneratorHarness.Run(Source("[Dataset(\"x: 4\", Target = \"class: 3\")]", "ISampleSource", SampleSourceBody));

        DiagnosticAssert.Clean(run);
        Assert.Contains("global::SciDsl.SupervisedTrainer.RunOnSamples(Config, () => new global::Net(), (model, inputs) => model.forward(inputs[0]), new global::Samples(), global::Samples.Signature, options,",
            run.Source("Run1.Experiment.g.cs"));
    }

    [Fact]
    public void SD3005_a_labelled_sample_source_that_transfer_learning_cannot_load()
    {
        var run = GeneratorHarness.Run(Source("[Dataset(\"x: 4\", Target = \"class: 3\")]", "ISampleSource", SampleSourceBody)
            .Replace("[Supervised(Loss.CrossEntropy)]", "[Supervised(Loss.CrossEntropy), TransferLearning(Checkpoint = \"net.ckpt\")]"));

        OneError(run, "SD3005", 8, "Dataset 'Samples': experiment Run1's [TransferLearning] trains through IDataSource.Load(), but it implements only ISampleSource; implement IDataSource too");
    }

    [Fact]
    public void A_labelled_single_input_data_source_still_trains()
    {
        var run = GeneratorHarness.Run(Source("[Dataset(\"x: 4\", Target = \"class: 3\")]"));

        DiagnosticAssert.Clean(run);
        Assert.Contains("global::Samples.Signature", run.Source("Run1.Experiment.g.cs"));
    }
}
