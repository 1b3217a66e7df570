namespace SciDsl;

/// <summary>Flattens dims from <see cref="StartDim"/> (default 1) to the end into one.</summary>
public sealed class FlattenAttribute : LayerAttribute
{
    public int StartDim { get; set; } = 1;
}

/// <summary>Reshapes to a symbolic shape whose first dim is the batch, e.g. <c>"B,64,7,7"</c>; element counts must agree (SD1004).</summary>
public sealed class ReshapeAttribute(string shape) : LayerAttribute
{
    public string Shape { get; } = shape;
}

/// <summary>
/// Reorders the dims: <c>[Permute(0, 2, 1)]</c> turns <c>[B, C, L]</c> into <c>[B, L, C]</c>. The dims must be a
/// permutation of 0 … rank − 1 that keeps the batch dim 0 first.
/// </summary>
public sealed class PermuteAttribute(params int[] dims) : LayerAttribute
{
    public int[] Dims { get; } = dims;
}
