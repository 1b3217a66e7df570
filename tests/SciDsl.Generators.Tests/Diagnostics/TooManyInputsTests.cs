using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>SD2012: TorchSharp's <c>nn.Module&lt;T1, …, T6, TResult&gt;</c> takes at most six inputs.</summary>
public class TooManyInputsTests
{
    private static string Inputs(int count) => string.Join("; ", Enumerable.Range(1, count).Select(i => $"x{i}: B,4"));

    private static string Concat(int count) => $"[Concat({string.Join(", ", Enumerable.Range(1, count).Select(i => $"\"x{i}\""))})]";

    [Fact]
    public void Seven_inputs_are_reported_on_the_model_attribute()
    {
        var run = GeneratorHarness.Run(ModelSource.Of(Inputs(7), Concat(7)));

        DiagnosticAssert.Single(run, "SD2012", ModelSource.ModelLine, "'Net' declares 7 inputs", "at most 6");
    }

    [Fact]
    public void Six_inputs_compile()
    {
        var run = GeneratorHarness.Run(ModelSource.Of(Inputs(6), Concat(6), "[Linear(2)]"));

        DiagnosticAssert.Clean(run);
    }
}
