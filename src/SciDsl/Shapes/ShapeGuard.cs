using System.Globalization;
using TorchSharp;

namespace SciDsl;

/// <summary>
/// Checks tensors against a <see cref="TensorSignature"/> at the start of a generated <c>forward</c>,
/// binding symbols (<c>B</c>, <c>N</c>, …) on first sight so later inputs must agree with them.
/// </summary>
public sealed class ShapeGuard(string model)
{
    private readonly Dictionary<string, long> bound = new(StringComparer.Ordinal);

    /// <summary>The size a symbol is bound to, by <see cref="Bind"/> or by an input checked so far.</summary>
    public long this[string symbol] => bound[symbol];

    /// <summary>Pre-binds a symbol fixed at construction (a constructor parameter).</summary>
    public ShapeGuard Bind(string symbol, long value)
    {
        bound[symbol] = value;
        return this;
    }

    public void Check(TensorSignature expected, torch.Tensor actual)
    {
        ArgumentNullException.ThrowIfNull(actual, expected.Name);
        // Each shape/dtype read is a native call that allocates: read once, format only on failure.
        long[] shape = actual.shape;
        if (shape.Length != expected.Rank)
            throw Mismatch($"rank {shape.Length} instead of {expected.Rank}");
        var dtype = actual.dtype;
        if (ElementTypeOf(dtype) is not { } type || type != expected.ElementType)
            throw Mismatch($"element type {dtype} instead of {expected.ElementType}");

        for (int i = 0; i < expected.Rank; i++)
        {
            string dim = expected.Dims[i];
            long size = shape[i];
            if (long.TryParse(dim, NumberStyles.None, CultureInfo.InvariantCulture, out long fixedSize))
            {
                if (size != fixedSize) throw Mismatch($"dim {i} is {size}, expected {fixedSize}");
            }
            else if (IsSymbol(dim))
            {
                if (bound.TryGetValue(dim, out long earlier))
                {
                    if (earlier != size) throw Mismatch($"dim {i} ({dim}) is {size}, but {dim} = {earlier} elsewhere");
                }
                else
                {
                    bound[dim] = size;
                }
            }
        }

        ShapeMismatchException Mismatch(string reason) => MismatchOf(expected, shape, reason);
    }

    /// <summary>
    /// Requires a size the model computes from its inputs to be at least 1: an input can have the
    /// declared shape and still be too small for the convolutions and poolings that follow.
    /// </summary>
    /// <param name="expected">The input whose sizes <paramref name="dim"/> depends on; <paramref name="actual"/> is its tensor.</param>
    /// <param name="layer">The layer whose output has that size.</param>
    /// <param name="dim">The size as declared, e.g. <c>(T + 2) / 4 - 1</c>.</param>
    /// <param name="size">Its value for the inputs given.</param>
    public void RequirePositive(TensorSignature expected, torch.Tensor actual, string layer, string dim, long size)
    {
        if (size >= 1) return;
        throw MismatchOf(expected, actual.shape, $"too small for layer '{layer}', whose output size {dim} would be {size}");
    }

    /// <summary>
    /// Checks the result of a layer whose output shape is declared rather than inferred (a <c>[Lambda]</c>):
    /// <paramref name="expected"/> are its sizes for the inputs checked, <paramref name="declared"/> the shape as
    /// written, e.g. <c>[B, 2 * C]</c>. Returns <paramref name="actual"/>.
    /// </summary>
    /// <param name="layer">The layer as written, e.g. <c>Lambda(nameof(Twice), "B,2*C")</c>.</param>
    /// <param name="node">The layer's node name.</param>
    public torch.Tensor CheckOutput(torch.Tensor? actual, string layer, string node, string declared, params long[] expected)
    {
        // Read once; format only on failure, as Check does.
        long[]? shape = actual?.shape;
        string? reason = shape is null ? "it returned no tensor"
            : shape.Length != expected.Length ? $"rank {shape.Length} instead of {expected.Length}"
            : FirstDifference(shape, expected) is int i ? $"dim {i} is {shape[i]}, expected {expected[i]}"
            : actual!.dtype != torch.ScalarType.Float32 ? $"element type {actual.dtype} instead of Float32, which the layers after it take"
            : null;
        if (reason is null) return actual!;
        throw ShapeMismatchException.ForLayerOutput(model, layer, node, $"{declared} = [{string.Join(", ", expected)}]",
            shape is null ? "null" : $"[{string.Join(", ", shape)}]", reason);
    }

    private static int? FirstDifference(long[] actual, long[] expected)
    {
        for (int i = 0; i < actual.Length; i++)
            if (actual[i] != expected[i]) return i;
        return null;
    }

    private ShapeMismatchException MismatchOf(TensorSignature expected, long[] actual, string reason) =>
        new(model, expected.Name, $"[{string.Join(", ", expected.Dims)}]", $"[{string.Join(", ", actual)}]", reason);

    private static bool IsSymbol(string dim) =>
        dim.Length > 0 && (char.IsLetter(dim[0]) || dim[0] == '_') && dim.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static TensorElementType? ElementTypeOf(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float32 => TensorElementType.Float32,
        torch.ScalarType.Float64 => TensorElementType.Float64,
        torch.ScalarType.Int64 => TensorElementType.Int64,
        torch.ScalarType.Bool => TensorElementType.Bool,
        _ => null,
    };
}
