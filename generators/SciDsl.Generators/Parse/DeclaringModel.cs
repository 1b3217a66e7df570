using System.Linq;
using Microsoft.CodeAnalysis;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Parse;

/// <summary>
/// What a layer may know about the <c>[Model]</c> class it is declared on, as plain values: its type, its
/// declared inputs (empty when the signature is malformed, which is reported on <c>[Model]</c>) and its methods
/// (a <c>[Lambda]</c> calls one).
/// </summary>
internal sealed record DeclaringModel(DeclaredType Type, EquatableArray<TensorSpec> Inputs, EquatableArray<ModelMethod> Methods);

/// <summary>
/// A method declared in the model class, as text: enough to tell whether generated code can call it with one
/// tensor and use what it returns.
/// </summary>
/// <param name="ReturnType">Fully qualified, e.g. <c>global::TorchSharp.torch.Tensor</c>.</param>
/// <param name="ParameterTypes">Fully qualified, preceded by <c>ref </c>, <c>out </c> or <c>in </c> where written.</param>
/// <param name="Display">How messages show it, e.g. <c>static Tensor Twice(Tensor x, int k)</c>.</param>
internal sealed record ModelMethod(string Name, bool IsStatic, int TypeParameters, string ReturnType, EquatableArray<string> ParameterTypes, string Display)
{
    private static readonly SymbolDisplayFormat Readable = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeModifiers,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeParamsRefOut,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    public static EquatableArray<ModelMethod> Of(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary)
            .Select(m => new ModelMethod(m.Name, m.IsStatic, m.Arity, m.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                m.Parameters.Select(p => RefPrefix(p.RefKind) + p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).ToEquatableArray(),
                m.ToDisplayString(Readable)))
            .ToEquatableArray();

    private static string RefPrefix(RefKind kind) => kind switch
    {
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        RefKind.In => "in ",
        _ => "",
    };
}
