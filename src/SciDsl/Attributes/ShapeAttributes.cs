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
