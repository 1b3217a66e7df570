using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// Numbers that have no C# literal in the generated code (NaN, infinities, values beyond float32 for
/// arguments that become float32 weights or ONNX attributes) are reported where they are written:
/// SD2003 on a layer, SD3003 on an experiment's optimizer, SD3002 for an open generic type.
/// </summary>
public class NonFiniteArgumentTests
{
    [Theory]
    [InlineData("[LeakyReLU(Slope = double.NaN)]", "Slope must be a finite number", "NaN")]
    [InlineData("[LeakyReLU(Slope = 1e39)]", "Slope must be a finite number", "1E+39")]
    [InlineData("[LeakyReLU(Slope = -1e39)]", "Slope must be a finite number", "-1E+39")]
    [InlineData("[LayerNorm(Eps = double.PositiveInfinity)]", "Eps must be a finite number", "Infinity")]
    [InlineData("[BatchNorm1d(Eps = 1e39)]", "Eps must be a finite number", "1E+39")]
    public void Layer_argument_is_reported_on_its_attribute(string layer, string problem, string value)
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,16", layer));

        DiagnosticAssert.Single(run, "SD2003", ModelSource.LayerLine(1), problem, "float32", value);
    }

    [Fact]
    public void Largest_float32_slope_is_accepted()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,16", "[LeakyReLU(Slope = 3.4e38)]"));

        DiagnosticAssert.Clean(run);
    }

    private const int OptimizerLine = ExperimentSource.ExperimentLine + 2;

    [Theory]
    [InlineData("[Optimizer(Optim.SGD, Momentum = double.PositiveInfinity)]", "Momentum must be a finite number >= 0 but is Infinity")]
    [InlineData("[Optimizer(Optim.SGD, Momentum = -0.5)]", "Momentum must be a finite number >= 0 but is -0.5")]
    [InlineData("[Optimizer(Optim.SGD, LearningRate = double.PositiveInfinity)]", "LearningRate must be a positive finite number but is Infinity")]
    [InlineData("[Optimizer(Optim.Adam, LearningRate = double.NaN)]", "LearningRate must be a positive finite number but is NaN")]
    [InlineData("[Optimizer(Optim.Adam, WeightDecay = double.NaN)]", "WeightDecay must be a finite number >= 0 but is NaN")]
    public void Optimizer_argument_is_reported_on_the_optimizer_attribute(string optimizer, string problem)
    {
        var run = GeneratorHarness.Run(ExperimentSource.Of(rows: optimizer));

        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), "SD3003", OptimizerLine, "'Run1'", problem);
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith(".Experiment.g.cs", StringComparison.Ordinal));
        Assert.Empty(run.CompileErrors);
    }

    [Fact]
    public void Open_generic_model_type_in_an_experiment_is_reported_on_the_experiment()
    {
        string source = ExperimentSource.Of(net: "public partial class Net<T>;", experimentTypes: "typeof(Net<>), typeof(Samples)");

        var run = GeneratorHarness.Run(source);

        Assert.Empty(run.Crashes);
        var diagnostics = run.SciDslDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(2, diagnostics.Count);
        DiagnosticAssert.AssertIs(diagnostics[0], "SD2010", ExperimentSource.NetLine, "'Net<T>' is generic");
        DiagnosticAssert.AssertIs(diagnostics[1], "SD3002", ExperimentSource.ExperimentLine, "typeof(Net<>) is an open generic type");
        Assert.Empty(run.CompileErrors);
    }
}
