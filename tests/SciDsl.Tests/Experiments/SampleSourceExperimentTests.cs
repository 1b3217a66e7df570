using System.IO.Compression;
using SciDsl.Tests.Data;
using SciDsl.Tests.Training;
using static SciDsl.Tests.Training.TrainingAssertions;

namespace SciDsl.Tests.Experiments;

/// <summary>A supervised experiment on a labelled single-input data set that implements only ISampleSource (as NumpyData.LoadSamples returns it).</summary>
public sealed class SampleSourceExperimentTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void An_npz_sample_source_trains_exactly_as_the_same_data_through_IDataSource()
    {
        var iris = new IrisSamples().Load();
        IrisArchiveSamples.ArchivePath = WriteArchive(iris);

        var fromArchive = new IrisArchiveExperiment().Run(Quiet(temp.File("archive.ckpt")));
        var fromCsv = SupervisedTrainer.Run(IrisArchiveExperiment.Config, () => new IrisMlp(), new IrisSamples(), IrisSamples.Signature, Quiet(temp.File("csv.ckpt")));

        Assert.Equal(5, fromArchive.History.Count);
        Assert.Equal(Values(fromCsv.History), Values(fromArchive.History));
        Assert.Equal(Weights(fromCsv.Model), Weights(fromArchive.Model));
        Assert.True(fromArchive.Validation!.Accuracy > 0.6, $"validation accuracy {fromArchive.Validation.Accuracy}");
    }

    private string WriteArchive(LabelledData data)
    {
        byte[] features = data.Features.data<float>().ToArray().SelectMany(BitConverter.GetBytes).ToArray();
        byte[] targets = data.Targets.data<long>().ToArray().SelectMany(BitConverter.GetBytes).ToArray();
        string path = temp.File("iris.npz");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, bytes) in new[]
        {
            ("x.npy", NumpyDataTests.Npy("<f4", $"({data.Count}, 4)", features)),
            ("y.npy", NumpyDataTests.Npy("<i8", $"({data.Count},)", targets)),
        })
        {
            using var stream = zip.CreateEntry(entry).Open();
            stream.Write(bytes);
        }
        return path;
    }
}
