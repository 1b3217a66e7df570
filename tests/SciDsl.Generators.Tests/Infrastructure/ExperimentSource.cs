namespace SciDsl.Generators.Tests.Infrastructure;

/// <summary>
/// A model <c>Net</c> (lines 2–4), a dataset <c>Samples</c> (lines 5–7) and an experiment <c>Run1</c>
/// ([Experiment] on line 8, [Supervised] on line 9, then <c>rows</c>, then the class), as real source.
/// Each part's declaration line can be replaced to make it the one under test.
/// </summary>
internal static class ExperimentSource
{
    public const int NetLine = 4;
    public const int SamplesLine = 6;
    public const int ExperimentLine = 8;

    public static string Of(
        string net = "public partial class Net;",
        string samples = "public partial class Samples : IDataSource",
        string experimentTypes = "typeof(Net), typeof(Samples)",
        string run = "public partial class Run1;",
        params string[] rows) =>
        "using SciDsl;\n" +
        "[Model(\"x: B,4\")]\n" +
        "[Linear(3)]\n" +
        net + "\n" +
        "[Dataset(\"x: 4\", Target = \"class: 3\")]\n" +
        samples + "\n" +
        "{ public LabelledData Load() => throw new System.NotSupportedException(); }\n" +
        $"[Experiment({experimentTypes})]\n" +
        "[Supervised(Loss.CrossEntropy)]\n" +
        string.Concat(rows.Select(row => row + "\n")) +
        run + "\n";
}
