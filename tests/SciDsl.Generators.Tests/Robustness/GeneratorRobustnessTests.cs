using System.Globalization;
using CsCheck;
using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Robustness;

/// <summary>
/// Random and malformed declarations: the generator and analyzer never throw, an accepted model's
/// generated code compiles, and a rejected one has at least one SD diagnostic and no source.
/// </summary>
public class GeneratorRobustnessTests
{
    /// <summary>Kept small for CI; raise it for a longer hunt: SCIDSL_PROPERTY_ITERATIONS=5000 dotnet test ….</summary>
    private static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("SCIDSL_PROPERTY_ITERATIONS"), out int iterations) ? iterations : 120;

    private static readonly Gen<int> Integer = Gen.Frequency(
        (6, Gen.Int[-3, 12]),
        (1, Gen.OneOf(0, -1, int.MaxValue, int.MinValue, 1 << 30, 3136)));

    private static readonly Gen<string> Probability = Gen.Frequency(
        (4, Gen.Double[-1, 2].Select(d => d.ToString("R", CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("double.NaN", "double.PositiveInfinity", "1e300", "-0.0", "0.999999")));

    private static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.String[Gen.Char["BHWTx01234567,;:[]()*/+- _"], 0, 14]),
        (1, Gen.OneOf("B,16", "B,4,5", "B,H", "H*W", "x", "class", "Signature", "forward", "linear_1", "x, linear_1", "", " ", "Net", "Dispose", "guard", "nn")));

    private static readonly Gen<string> Shape = Gen.Frequency(
        (3, Text.Select(t => "x: " + t)),
        (2, Gen.OneOf("x: B,16", "x: B,1,8,8", "x: B,4,T", "x: B,3,H,W", "x: int64[B,T]", "x: B,16; y: B,8", "x: B,(H - 1) / 2")),
        (1, Text));

    private static readonly Gen<string> Layer = Gen.OneOf(
        Integer.Select(i => $"Linear({i})"),
        Text.Select(s => $"Linear(\"{s}\")"),
        Gen.Select(Integer, Integer).Select((o, i) => $"Linear({o}, In = {i})"),
        Gen.Select(Integer, Integer, Integer, Integer).Select((o, k, s, p) => $"Conv2d({o}, Kernel = {k}, Stride = {s}, Padding = {p})"),
        Gen.Select(Integer, Integer, Integer, Integer).Select((o, k, d, g) => $"Conv1d({o}, Kernel = {k}, Dilation = {d}, Groups = {g})"),
        Gen.Select(Integer, Integer).Select((k, c) => $"Conv2d(4, Kernel = {k}, InChannels = {c})"),
        Gen.Select(Integer, Integer).Select((k, s) => $"MaxPool2d({k}, Stride = {s})"),
        Gen.Select(Integer, Integer).Select((k, p) => $"AvgPool1d({k}, Padding = {p})"),
        Integer.Select(i => $"AdaptiveAvgPool2d({i})"),
        Probability.Select(p => $"Dropout({p})"),
        Gen.OneOf(Probability, Gen.Const("1e39")).Select(slope => $"LeakyReLU(Slope = {slope})"),
        Integer.Select(i => $"Flatten(StartDim = {i})"),
        Integer.Select(i => $"Softmax(Dim = {i})"),
        Integer.Select(i => $"LogSoftmax(Dim = {i})"),
        Text.Select(s => $"Reshape(\"{s}\")"),
        Text.Select(s => $"Linear(2, Name = \"{s}\")"),
        Text.Select(s => $"ReLU(From = \"{s}\")"),
        Gen.Select(Text, Text).Select((a, b) => $"Add(\"{a}\", \"{b}\")"),
        Gen.Select(Text, Integer).Select((a, d) => $"Concat(\"x\", \"{a}\", Dim = {d})"),
        Gen.OneOf("Add(\"x\", \"linear_1\")", "Concat(\"x\", \"relu_1\")", "Add(From = \"x\")", "Concat(\"x\", \"x\", Dim = -1)"),
        Gen.OneOf("GlobalAvgPool", "BatchNorm1d", "BatchNorm2d", "LayerNorm", "GELU", "Tanh", "Flatten", "Linear(3)", "Conv2d(4, Kernel = 3)"));

    private static readonly Gen<string> Declaration = Gen.Select(Shape, Layer.Array[1, 5]).Select((shape, layers) =>
        ModelSource.Of(shape.Replace("\"", ""), layers.Select(l => $"[{l}]").ToArray()));

    [Fact]
    public void Random_declarations_never_crash_and_are_either_accepted_and_compiling_or_reported() =>
        Declaration.Sample(CheckOutcome, iter: Iterations, threads: 1, print: source => source);

    [Fact]
    public void Random_model_shape_strings_never_crash() =>
        Shape.Select(shape => ModelSource.Of(shape.Replace("\"", ""), "[Linear(2)]"))
            .Sample(CheckOutcome, iter: Iterations, threads: 1, print: source => source);

    private static void CheckOutcome(string source)
    {
        var run = GeneratorHarness.Run(source);

        Assert.Empty(run.Crashes);
        Assert.Empty(run.CompileErrors.Where(d => d.Location.SourceTree?.FilePath == GeneratorHarness.PathOf(0)));
        if (run.SciDslDiagnostics.IsEmpty)
        {
            Assert.NotEmpty(run.Sources);
            Assert.Empty(run.CompileErrors);
            Assert.Empty(run.GeneratedCodeWarnings);
        }
        else
        {
            Assert.Empty(run.Sources);
        }
    }
}
