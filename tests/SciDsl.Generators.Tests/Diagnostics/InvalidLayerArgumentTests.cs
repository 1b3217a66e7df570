using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>SD2003: an invalid layer argument, named with the value received.</summary>
public class InvalidLayerArgumentTests
{
    [Theory]
    [InlineData("x: B,16", "[Linear(0)]", "output width must be positive but is 0")]
    [InlineData("x: B,16", "[Linear(-4)]", "output width must be positive but is -4")]
    [InlineData("x: B,16", "[Linear(\"-H\")]", "output width must be positive but is -H")]
    [InlineData("x: B,16", "[Linear(4, In = -1)]", "In must be positive but is -1")]
    [InlineData("x: B,1,8,8", "[Conv2d(16)]", "Kernel is required")]
    [InlineData("x: B,1,8,8", "[Conv2d(0, Kernel = 3)]", "output channel count must be positive but is 0")]
    [InlineData("x: B,1,8,8", "[Conv2d(16, Kernel = 3, Stride = 0)]", "Stride must be at least 1 but is 0")]
    [InlineData("x: B,1,8,8", "[Conv2d(16, Kernel = 3, Padding = -1)]", "Padding must be at least 0 but is -1")]
    [InlineData("x: B,1,8,8", "[Conv2d(15, Kernel = 3, Groups = 2)]", "Groups = 2 must divide the 15 output channels")]
    [InlineData("x: B,1,8,8", "[MaxPool2d(0)]", "the kernel must be at least 1 but is 0")]
    [InlineData("x: B,1,8,8", "[MaxPool2d(2, Padding = 2)]", "must be at most half the kernel")]
    [InlineData("x: B,16", "[Dropout(1.5)]", "must be in [0, 1) but is 1.5")]
    [InlineData("x: B,16", "[Dropout(-0.1)]", "must be in [0, 1) but is -0.1")]
    [InlineData("x: B,16", "[Flatten(StartDim = 0)]", "StartDim must be at least 1")]
    [InlineData("x: B,16", "[Reshape(\"B\")]", "needs the batch dim and at least one more")]
    [InlineData("x: B,16", "[Reshape(\"B,0,16\")]", "non-positive size 0")]
    [InlineData("x: B,16", "[Linear(2, Name = \"not valid\")]", "must be a C# identifier")]
    public void Invalid_argument_is_reported_on_its_attribute(string inputs, string layer, string problem)
    {
        var run = GeneratorHarness.Run(ModelSource.Of(inputs, layer));

        DiagnosticAssert.Single(run, "SD2003", ModelSource.LayerLine(1), layer.Trim('[', ']'), problem);
    }

}
