namespace SciDsl.Tests.Experiments;

/// <summary>Iris from an <c>.npz</c> archive (arrays <c>x</c> and <c>y</c>), loaded as samples: a data set that implements only ISampleSource.</summary>
[Dataset("x: 4", Target = "class: 3")]
public partial class IrisArchiveSamples : ISampleSource
{
    /// <summary>Where the test wrote the archive.</summary>
    public static string ArchivePath { get; set; } = "";

    public SampleSet LoadSamples() => NumpyData.LoadSamples(ArchivePath, ["x"], "y");
}

[Experiment(typeof(IrisMlp), typeof(IrisArchiveSamples))]
[Supervised(Loss.CrossEntropy)]
[Optimizer(Optim.Adam, LearningRate = 0.02)]
[Train(Epochs = 5, BatchSize = 16, Seed = 7, ValidationSplit = 0.2)]
public partial class IrisArchiveExperiment;
