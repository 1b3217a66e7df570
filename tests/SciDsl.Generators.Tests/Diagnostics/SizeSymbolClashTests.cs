using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>SD2020: a size symbol that would become a constructor parameter named like another member.</summary>
public class SizeSymbolClashTests
{
    [Theory]
    [InlineData("x: B,linear_1", "[Linear(2)]", "Size symbol 'linear_1' of the [Model] inputs", "already the name of an input or layer")]
    [InlineData("x: B,16", "[Linear(\"forward\")]", "Size symbol 'forward' of Linear(\"forward\")", "already a generated member of Net")]
    [InlineData("x: B,16", "[Linear(\"Dispose\")]", "Size symbol 'Dispose' of Linear(\"Dispose\")", "already a member of TorchSharp's nn.Module")]
    [InlineData("x: B,16", "[Linear(\"Net\")]", "Size symbol 'Net' of Linear(\"Net\")", "already the name of the class itself")]
    public void Size_symbols_that_clash_with_member_names_are_rejected(string inputs, string layer, params string[] words)
    {
        var run = GeneratorHarness.Run(ModelSource.Of(inputs, layer));

        DiagnosticAssert.Single(run, "SD2020", ModelSource.ModelLine,
            words.Append("becomes a constructor parameter of Net").Append("rename the symbol").ToArray());
    }
}
