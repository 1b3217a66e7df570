using System.Globalization;
using TorchSharp;

namespace SciDsl;

/// <summary>Compares loaded tensors with declared <see cref="TensorSignature"/>s and describes both for error messages.</summary>
internal static class ShapeCheck
{
    /// <summary>Why one sample (no sample dim) does not fit the declaration, or null when it does.</summary>
    public static string? SampleProblem(torch.Tensor sample, TensorSignature declared) =>
        FitsFrom(sample, declared, sampleDim: 0, []);

    /// <summary>Why a whole input <c>[N, …]</c> does not fit the declaration, or null when it does.</summary>
    /// <param name="symbols">Sizes of symbolic dims bound so far (by earlier inputs of the same samples): a symbol has one size in all of them.</param>
    public static string? BatchProblem(torch.Tensor values, TensorSignature declared, Dictionary<string, long> symbols) =>
        values.dim() == 0 ? "it is a scalar, with no sample dim" : FitsFrom(values, declared, sampleDim: 1, symbols);

    /// <summary>
    /// Throws <see cref="ArgumentException"/> when samples that train beside the labelled ones (unlabelled, another
    /// domain's) are empty or differ from them in sample shape or element type.
    /// </summary>
    /// <param name="what">What the samples are, e.g. "unlabelled samples"; <paramref name="labelled"/>'s are described by <paramref name="labelledWhat"/>.</param>
    public static void RequireLike(torch.Tensor samples, torch.Tensor labelled, string what, string labelledWhat, string purpose, string parameter)
    {
        static string Shape(torch.Tensor t) => $"{t.dtype.ToString().ToLowerInvariant()} [{string.Join(", ", t.shape.Skip(1))}]";
        if (samples.dim() == 0 || samples.shape[0] == 0)
            throw new ArgumentException($"The {what} are empty (shape [{string.Join(", ", samples.shape)}]); {purpose} needs at least one.", parameter);
        if (samples.dtype != labelled.dtype || !samples.shape.Skip(1).SequenceEqual(labelled.shape.Skip(1)))
            throw new ArgumentException(
                $"The {what} are {Shape(samples)} each, but {labelledWhat} are {Shape(labelled)}; give both the same sample shape and element type.",
                parameter);
    }

    private static string? FitsFrom(torch.Tensor tensor, TensorSignature declared, int sampleDim, Dictionary<string, long> symbols)
    {
        if (tensor.dtype != DtypeOf(declared.ElementType))
            return $"element type {Name(tensor.dtype)} instead of {Name(DtypeOf(declared.ElementType))}{ConversionAdvice(tensor.dtype, DtypeOf(declared.ElementType))}";
        if (tensor.dim() - sampleDim != declared.Rank)
            return $"rank {tensor.dim() - sampleDim} instead of {declared.Rank}";
        for (int i = 0; i < declared.Rank; i++)
        {
            string dim = declared.Dims[i];
            long actual = tensor.shape[i + sampleDim];
            if (long.TryParse(dim, NumberStyles.None, CultureInfo.InvariantCulture, out long size))
            {
                if (actual != size) return $"dim {i + 1} is {actual} instead of {size}";
            }
            // A symbolic dim (a graph's N, a sequence's T) takes the size it first meets, then must keep it.
            else if (!symbols.TryAdd(dim, actual) && symbols[dim] != actual)
                return $"dim {i + 1} is {actual} but {dim} is {symbols[dim]}";
        }
        return null;
    }

    /// <summary>
    /// How to convert numbers of another type to the declared one (NumPy writes float64 and, on some systems, int32 by
    /// default), e.g. <c> (convert with .to(torch.float32))</c>; empty when a conversion would not be meaningful.
    /// </summary>
    public static string ConversionAdvice(torch.ScalarType actual, torch.ScalarType wanted)
    {
        bool numbers = actual != torch.ScalarType.Bool && wanted != torch.ScalarType.Bool;
        // Fractions to integers would truncate: converting class indices stored as floats is the caller's decision.
        return actual == wanted || !numbers || (!IsFloat(wanted) && IsFloat(actual)) ? "" : $" (convert with .to(torch.{Name(wanted)}))";
    }

    private static bool IsFloat(torch.ScalarType type) =>
        type is torch.ScalarType.Float16 or torch.ScalarType.BFloat16 or torch.ScalarType.Float32 or torch.ScalarType.Float64;

    public static string Expected(TensorSignature declared) =>
        $"'{declared.Name}' {Name(DtypeOf(declared.ElementType))} [{string.Join(", ", declared.Dims)}] per sample";

    public static string Describe(torch.Tensor tensor) => $"{Name(tensor.dtype)} [{string.Join(", ", tensor.shape)}]";

    public static torch.ScalarType DtypeOf(TensorElementType type) => type switch
    {
        TensorElementType.Float64 => torch.ScalarType.Float64,
        TensorElementType.Int64 => torch.ScalarType.Int64,
        TensorElementType.Bool => torch.ScalarType.Bool,
        _ => torch.ScalarType.Float32,
    };

    private static string Name(torch.ScalarType type) => type.ToString().ToLowerInvariant();
}
