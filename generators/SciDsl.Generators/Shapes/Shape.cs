using System;
using System.Linq;
using SciDsl.Generators.Infrastructure;

namespace SciDsl.Generators.Shapes;

/// <summary>An ordered list of dims; the first is the batch wherever a model's values are concerned.</summary>
internal sealed record Shape(EquatableArray<Dim> Dims)
{
    public static Shape Of(params Dim[] dims) => new(dims.ToEquatableArray());

    public int Rank => Dims.Count;

    public Dim this[int index] => Dims[index];

    public Dim Last => Dims[Dims.Count - 1];

    /// <summary>The same shape with dim <paramref name="index"/> replaced.</summary>
    public Shape With(int index, Dim dim) => new(Dims.With(index, dim));

    /// <summary>The product of the dims from <paramref name="start"/> on, e.g. <c>C*H*W</c>.</summary>
    public Dim Product(int start) =>
        Dims.Skip(start).Aggregate(Dim.Of(1), (product, dim) => product * dim);

    /// <summary>
    /// False when even the smallest tensor of this shape (every symbol 1) holds 2^63 or more elements:
    /// TorchSharp and ONNX count elements in int64.
    /// </summary>
    public bool ElementCountFits()
    {
        try
        {
            Dims.Aggregate(1L, (count, dim) => checked(count * Math.Max(1L, dim.LowerBound ?? 1)));
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    public override string ToString() => "[" + string.Join(", ", Dims.Select(d => d.ToString())) + "]";
}

/// <summary>A named tensor: a model input or output, or a dataset sample.</summary>
internal sealed record TensorSpec(string Name, string ElementType, Shape Shape)
{
    public const string Float32 = "float32";

    public override string ToString() =>
        ElementType == Float32 ? $"{Name}: {Shape}" : $"{Name}: {ElementType}{Shape}";
}
