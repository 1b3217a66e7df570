using System.Reflection;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// SD2011: a name that the generated code would use as an identifier but cannot — a C# keyword, or a
/// member the generated class already has (its own, TorchSharp's <c>nn.Module</c>'s, the class name).
/// </summary>
public class NameClashTests
{
    [Theory]
    [InlineData("class: B,16", "input 'class'", "C# keyword")]
    [InlineData("Signature: B,16", "input 'Signature'", "generated member")]
    [InlineData("x: B,16; guard: B,16", "input 'guard'", "generated member")]
    [InlineData("onnx: B,16", "input 'onnx'", "generated member")]
    public void Input_name_is_reported_on_the_model_attribute(string inputs, string what, string why)
    {
        var run = GeneratorHarness.Run(ModelSource.Of(inputs, "[Linear(2)]"));

        DiagnosticAssert.Single(run, "SD2011", ModelSource.ModelLine, what, why);
    }

    [Theory]
    [InlineData("Net", "the name of the class itself")]
    [InlineData("Dispose", "TorchSharp's nn.Module")]
    [InlineData("register_forward_hook", "TorchSharp's nn.Module")]
    [InlineData("GetType", "TorchSharp's nn.Module")]
    [InlineData("Signature", "generated member")]
    [InlineData("train", "TorchSharp's nn.Module")]
    [InlineData("class", "C# keyword")]
    public void Layer_name_is_reported_on_its_attribute(string name, string why)
    {
        string layer = $"[Linear(2, Name = \"{name}\")]";
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,16", layer));

        DiagnosticAssert.Single(run, "SD2011", ModelSource.LayerLine(1), $"Linear(2, Name = \"{name}\")", $"'{name}'", why);
    }

    [Theory]
    [InlineData("Signature")]
    [InlineData("Summary")]
    [InlineData("forward")]
    public void Model_class_named_like_a_generated_member_is_reported_on_its_name(string name)
    {
        var run = GeneratorHarness.Run(ModelSource.OfClass($"public partial class {name};", "x: B,16", "[Linear(2)]"));

        DiagnosticAssert.Single(run, "SD2011", ModelSource.LayerLine(2), $"class '{name}'", "generated member");
    }

    [Fact]
    public void Experiment_class_named_Config_is_reported_on_its_name()
    {
        var run = GeneratorHarness.Run(ExperimentSource.Of(run: "public partial class Config;"));

        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), "SD2011", ExperimentSource.ExperimentLine + 2, "class 'Config'", "generated member");
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith(".Experiment.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Reserved_module_members_cover_every_member_TorchSharp_Module_exposes()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.FlattenHierarchy;
        var visible = typeof(TorchSharp.torch.nn.Module<,>).GetMembers(all).Where(IsVisibleToSubclasses).Select(m => m.Name).Distinct();

        Assert.Empty(visible.Except(GeneratedNames.ModuleMembers).Order(StringComparer.Ordinal));
    }

    private static bool IsVisibleToSubclasses(MemberInfo member) => member switch
    {
        MethodBase method => !method.IsSpecialName && !method.IsConstructor && (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly),
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(IsVisibleToSubclasses),
        FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
        EventInfo => true,
        Type nested => nested.IsNestedPublic || nested.IsNestedFamily || nested.IsNestedFamORAssem,
        _ => false,
    };
}
