using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Parse;

/// <summary>
/// A parsed <c>[Dataset("x: 1,8,8", Target = "class: 10")]</c> or <c>[Dataset("x: N,F; adj: N,N")]</c>: the inputs of one
/// sample (no batch dim) and its target.
/// </summary>
/// <param name="TargetKind"><c>Class</c>, <c>Value</c> or <c>None</c> (no <c>Target</c>: unlabelled samples), as the runtime's <c>TargetKind</c>.</param>
/// <param name="IsDataSource">The class implements <c>IDataSource</c> (what supervised training loads through), not only <c>ISampleSource</c>.</param>
/// <param name="TargetPer">What a class target labels, as the runtime's <c>TargetScope</c>: <c>Sample</c>, <c>Pixel</c> (<c>"class: 2 per pixel"</c>) or <c>Node</c>.</param>
/// <param name="IsSampleSource">The class implements <c>ISampleSource</c> (how samples of several inputs load).</param>
internal sealed record DatasetSpec(DeclaredType Type, EquatableArray<TensorSpec> Inputs, string TargetKind, int TargetSize, string TargetText, bool IsDataSource,
    string TargetPer = "Sample", bool IsSampleSource = false)
{
    /// <summary>The first (for most data sets the only) input.</summary>
    public TensorSpec Sample => Inputs[0];
}
