using System.Linq;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Layers;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Parse;

/// <summary>The C# type a declaration lives in, as text: enough to re-open it as a partial type.</summary>
/// <param name="ContainingTypes">Outermost first, each as its declaration head, e.g. <c>partial class Outer</c>.</param>
internal sealed record DeclaredType(string? Namespace, EquatableArray<string> ContainingTypes, string Name, string Keyword)
{
    public string FullName => (Namespace is null ? "" : Namespace + ".") + string.Concat(ContainingTypes.Select(ContainingName)) + Name;

    private static string ContainingName(string head) => head.Substring(head.LastIndexOf(' ') + 1) + ".";
}

/// <summary>A parsed <c>[Model]</c> declaration. Holds only equatable values (no symbols or syntax).</summary>
internal sealed record ModelSpec(
    DeclaredType Type,
    EquatableArray<TensorSpec> Inputs,
    EquatableArray<LayerSpec> Layers,
    EquatableArray<string> Outputs,
    LocationInfo? Location);

/// <summary>A parse result: the spec when the declaration could be read, and what was wrong with it.</summary>
internal sealed record ParseResult<T>(T? Spec, EquatableArray<DiagnosticInfo> Diagnostics) where T : class;
