using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Infrastructure;

namespace SciDsl.Generators.Shapes;

/// <summary>
/// Parses <c>"x: B,1,28,28; adj: B,N,N"</c> and typed forms such as <c>"tokens: int64[B,T]"</c>.
/// </summary>
internal static class SignatureParser
{
    public static readonly string[] ElementTypes = { "float32", "float64", "int64", "bool" };

    /// <summary>
    /// The tensors declared, or null and a reason naming the faulty part. A size or element count
    /// beyond 64 bits throws <see cref="System.OverflowException"/> naming it (reported as SD1007).
    /// </summary>
    public static EquatableArray<TensorSpec>? Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the declaration is empty; write e.g. \"x: B,1,28,28\"";
            return null;
        }
        var tensors = new List<TensorSpec>();
        foreach (string part in text!.Split(';'))
        {
            var tensor = ParseTensor(part.Trim(), out error);
            if (tensor is null) return null;
            if (tensors.Any(t => t.Name == tensor.Name))
            {
                error = $"'{tensor.Name}' is declared twice; give each input its own name";
                return null;
            }
            tensors.Add(tensor);
        }
        return tensors.ToEquatableArray();
    }

    /// <summary>Parses dims alone, e.g. <c>"B,64,7,7"</c> (used by Reshape).</summary>
    public static Shape? ParseDims(string text, out string? error)
    {
        var dims = new List<Dim>();
        string[] parts = text.Split(',');
        for (int i = 0; i < parts.Length; i++)
        {
            var dim = DimParser.Parse(parts[i], out string? dimError);
            if (dim is null)
            {
                error = $"dim {i} ('{parts[i].Trim()}'): {dimError}";
                return null;
            }
            dims.Add(dim);
        }
        error = null;
        return new Shape(dims.ToEquatableArray());
    }

    private static TensorSpec? ParseTensor(string text, out string? error)
    {
        int colon = text.IndexOf(':');
        if (colon < 0)
        {
            error = $"'{text}' has no ':'; write name: dims, e.g. \"x: B,16\"";
            return null;
        }
        string name = text.Substring(0, colon).Trim();
        if (!IsIdentifier(name))
        {
            error = $"'{name}' is not a valid input name";
            return null;
        }
        string body = text.Substring(colon + 1).Trim();
        string elementType = TensorSpec.Float32;
        int bracket = body.IndexOf('[');
        if (bracket >= 0)
        {
            elementType = body.Substring(0, bracket).Trim();
            if (!ElementTypes.Contains(elementType))
            {
                error = $"unknown element type '{elementType}' for '{name}'; use one of {string.Join(", ", ElementTypes)}";
                return null;
            }
            if (!body.EndsWith("]"))
            {
                error = $"'{name}': missing ']'";
                return null;
            }
            body = body.Substring(bracket + 1, body.Length - bracket - 2);
        }
        var shape = ParseDims(body, out string? dimsError);
        if (shape is null)
        {
            error = $"'{name}': {dimsError}";
            return null;
        }
        for (int i = 0; i < shape.Rank; i++)
            if (shape[i].IsProvablyNonPositive)
            {
                error = $"'{name}': dim {i} is {shape[i]}; sizes must be positive";
                return null;
            }
        if (!shape.ElementCountFits()) throw new System.OverflowException($"the element count of '{name}' {shape}");
        error = null;
        return new TensorSpec(name, elementType, shape);
    }

    public static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
