using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace SciDsl.Generators.Parse;

/// <summary>
/// Names the generated code already uses. An input, layer or size named like one would not compile,
/// or would hide a member (warning CS0108, an error under TreatWarningsAsErrors): SD2011.
/// </summary>
internal static class GeneratedNames
{
    public static readonly string[] ModelMembers = { "Signature", "Summary", "forward", "ExportOnnx" };

    public static readonly string[] DatasetMembers = { "Signature" };

    public static readonly string[] ExperimentMembers = { "Config", "Run", "SemiSupervised", "DomainAdaptation", "Transfer", "Tasks" };

    /// <summary>Locals and parameters of the generated <c>forward</c> and <c>ExportOnnx</c>, where inputs, layers and sizes are read.</summary>
    private static readonly string[] Locals = { "guard", "onnx", "noGrad", "path", "options", "scope" };

    /// <summary>
    /// Public and protected members of TorchSharp's <c>nn.Module&lt;…&gt;</c> (a test checks the list against
    /// the referenced TorchSharp), and the extension methods every module is called with.
    /// </summary>
    internal static readonly string[] ModuleMembers =
    {
        "ClearModules", "ConditionallyRegisterBuffer", "ConditionallyRegisterParameter", "Create", "Dispose", "Equals", "Finalize",
        "GetDefaultDeviceAndType", "GetHashCode", "GetName", "GetType", "MemberwiseClone", "ReferenceEquals", "RegisterComponents",
        "ReplaceBuffer", "ReplaceParameter", "ToString", "_deviceIndex", "_deviceType", "_internal_buffers", "_internal_params",
        "_internal_submodules", "_named_buffers", "_named_parameters", "_parameters", "_to", "_toEpilog", "add_module", "apply",
        "buffers", "call", "children", "eval", "forward", "get_buffer", "get_parameter", "has_buffer", "has_parameter", "load",
        "load_state_dict", "module_post_hooks", "module_pre_hooks", "modules", "name", "named_buffers", "named_children",
        "named_modules", "named_parameters", "parameters", "post_hooks", "pre_hooks", "register_buffer", "register_forward_hook",
        "register_forward_pre_hook", "register_module", "register_parameter", "save", "save_state_dict", "state_dict", "train",
        "training", "zero_grad",
        "to", "cpu", "cuda",
    };

    /// <summary>
    /// What <paramref name="name"/> already is, when it cannot name an input, layer or size of the model class
    /// <paramref name="model"/> ("a C# keyword"); null if it can.
    /// </summary>
    public static string? ClashInModel(string name, string model) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "a C# keyword"
        : name == model ? "the name of the class itself"
        : ModelMembers.Contains(name) ? $"a generated member of {model}"
        : Locals.Contains(name) ? "a local of the generated member forward or ExportOnnx"
        : ModuleMembers.Contains(name) ? $"a member of TorchSharp's nn.Module, which {model} derives from"
        : null;

    /// <summary>Why a class that gets <paramref name="generated"/> members cannot be called <paramref name="name"/>; null if it can.</summary>
    public static string? ClashOfClassName(string name, IEnumerable<string> generated) =>
        generated.Contains(name) ? $"'{name}' is a generated member of the class, and no member may have its class's name" : null;
}
