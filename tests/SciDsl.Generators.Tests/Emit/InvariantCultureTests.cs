using System.Globalization;
using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Emit;

/// <summary>
/// Generated code does not depend on the build machine's culture: fi-FI writes minus as U+2212,
/// de-DE writes a decimal comma, and neither may reach a C# literal.
/// </summary>
public class InvariantCultureTests
{
    private const string Source = """
        using SciDsl;

        namespace Lab;

        [Model("x: B,16")]
        [Linear(8), LeakyReLU(Slope = 0.2), Dropout(0.25), LayerNorm(Eps = 0.001), Softmax(Dim = -1)]
        [BatchNorm1d(Eps = 0.0001, Momentum = 0.05), LogSoftmax(Dim = -1)]
        [Concat("x", "logsoftmax_1", Dim = -1), Reshape("B,4,6"), Conv1d(2, Kernel = 3, Padding = 1), MaxPool1d(2)]
        [Flatten, Linear(3)]
        public partial class Net;

        [Dataset("x: 16", Target = "class: 3")]
        public partial class Samples : IDataSource
        {
            public LabelledData Load() => throw new System.NotSupportedException();
        }

        [Experiment(typeof(Net), typeof(Samples))]
        [Supervised(Loss.CrossEntropy)]
        [Optimizer(Optim.SGD, LearningRate = 0.05, Momentum = 0.9, WeightDecay = 1e-4)]
        [Train(Epochs = 2, BatchSize = 8, ValidationSplit = 0.25)]
        public partial class Run1;
        """;

    [Theory]
    [InlineData("fi-FI")]
    [InlineData("de-DE")]
    public void Generated_sources_are_the_same_under_any_culture_and_compile(string cultureName)
    {
        var culture = CultureInfo.GetCultureInfo(cultureName);
        // The cultures must really differ from the invariant one, or this test could not fail.
        Assert.True(culture.NumberFormat.NegativeSign != "-" || culture.NumberFormat.NumberDecimalSeparator != ".",
            $"{cultureName} formats numbers like the invariant culture here (globalization-invariant mode?)");
        var invariant = Generate(CultureInfo.InvariantCulture);

        var localized = Generate(culture);

        DiagnosticAssert.Clean(localized);
        Assert.Equal(4, invariant.Sources.Length);
        Assert.Equal(Texts(invariant), Texts(localized));
    }

    private static GeneratorRun Generate(CultureInfo culture)
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            return GeneratorHarness.Run(Source);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static IEnumerable<(string HintName, string Text)> Texts(GeneratorRun run) =>
        run.Sources.Select(s => (s.HintName, s.SourceText.ToString())).OrderBy(s => s.HintName, StringComparer.Ordinal);
}
