namespace SciDsl;

/// <summary>
/// Element-wise sum of several nodes whose shapes are provably equal (a residual connection):
/// <c>[Add("conv1", "conv3")]</c>, or <c>[Add(From = "conv1,conv3")]</c>.
/// </summary>
public sealed class AddAttribute(params string[] from) : LayerAttribute
{
    public string[] Sources { get; } = from;
}

/// <summary>
/// Joins several nodes along <see cref="Dim"/> (default 1, the channels/features); every other dim
/// must be provably equal: <c>[Concat("a", "b")]</c> on <c>[B, 16, H, W]</c> and <c>[B, 8, H, W]</c> gives <c>[B, 24, H, W]</c>.
/// </summary>
public sealed class ConcatAttribute(params string[] from) : LayerAttribute
{
    public string[] Sources { get; } = from;

    public int Dim { get; set; } = 1;
}

/// <summary>
/// Element-wise product of several nodes whose shapes are provably equal (a gate):
/// <c>[Multiply("features", "gate")]</c>, or <c>[Multiply(From = "features,gate")]</c>.
/// </summary>
public sealed class MultiplyAttribute(params string[] from) : LayerAttribute
{
    public string[] Sources { get; } = from;
}
