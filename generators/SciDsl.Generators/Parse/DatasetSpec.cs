using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Parse;

/// <summary>A parsed <c>[Dataset("x: 1,8,8", Target = "class: 10")]</c>: one sample (no batch dim) and its target.</summary>
/// <param name="TargetKind"><c>Class</c> or <c>Value</c>, as the runtime's <c>TargetKind</c>.</param>
internal sealed record DatasetSpec(DeclaredType Type, TensorSpec Sample, string TargetKind, int TargetSize, string TargetText);
