namespace SciDsl;

/// <summary>Element types a model input or output can have.</summary>
public enum TensorElementType { Float32, Float64, Int64, Bool }

/// <summary>A named tensor with symbolic dims as written by the generator, e.g. <c>x: [B, 1, 28, 28]</c>.</summary>
/// <param name="Dims">Each dim: an integer (<c>"28"</c>), a symbol (<c>"B"</c>) or an expression (<c>"(H - 3) / 2 + 1"</c>).</param>
public sealed record TensorSignature(string Name, TensorElementType ElementType, IReadOnlyList<string> Dims)
{
    public int Rank => Dims.Count;

    public override string ToString() =>
        ElementType == TensorElementType.Float32
            ? $"{Name}: [{string.Join(", ", Dims)}]"
            : $"{Name}: {ElementType.ToString().ToLowerInvariant()}[{string.Join(", ", Dims)}]";
}

/// <summary>A model's inputs and outputs, as checked at build time.</summary>
public sealed record ModelSignature(string Model, IReadOnlyList<TensorSignature> Inputs, IReadOnlyList<TensorSignature> Outputs)
{
    public override string ToString() =>
        $"{Model}({string.Join("; ", Inputs)}) -> ({string.Join("; ", Outputs)})";
}
