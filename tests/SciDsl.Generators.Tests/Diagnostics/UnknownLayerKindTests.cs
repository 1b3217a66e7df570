using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>SD2021: an attribute deriving from LayerAttribute that SciDsl has no layer kind for.</summary>
public class UnknownLayerKindTests
{
    [Fact]
    public void User_attribute_deriving_from_LayerAttribute_is_not_a_known_kind()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,16", "[Mystery]") + "public sealed class MysteryAttribute : LayerAttribute;\n");

        DiagnosticAssert.Single(run, "SD2021", ModelSource.LayerLine(1),
            "[Mystery] derives from LayerAttribute", "SciDsl has no layer kind 'Mystery'", "use one of SciDsl's layer attributes", "such as Linear");
    }
}
