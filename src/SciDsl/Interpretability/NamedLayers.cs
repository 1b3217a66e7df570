using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>Finds a model's layers by the names they were registered under (a generated model's <c>Name = "conv2"</c>).</summary>
internal static class NamedLayers
{
    /// <summary>The module registered as <paramref name="name"/> (a dotted path for nested modules).</summary>
    /// <exception cref="ArgumentException">No such layer; the message lists the layer names and the closest one.</exception>
    public static nn.Module Find(nn.Module model, string name, string method)
    {
        ArgumentNullException.ThrowIfNull(name);
        var layers = model.named_modules().ToList();
        foreach (var (path, module) in layers)
            if (path == name)
                return module;
        var names = layers.Select(l => l.name).Where(n => n.Length > 0).ToList();
        string? closest = names
            .Select(n => (Name: n, Distance: EditDistance(name.ToLowerInvariant(), n.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(1, name.Length / 3))
            .OrderBy(c => c.Distance).Select(c => c.Name).FirstOrDefault();
        throw new ArgumentException(
            $"{method}: the model has no layer '{name}'; its layers are {string.Join(", ", names)}" +
            (closest is null ? "." : $" (did you mean '{closest}'?)."), "layer");
    }

    /// <summary>The layer <paramref name="name"/> as a one-tensor module, whose forward hooks see its output.</summary>
    public static nn.Module<Tensor, Tensor> FindTensorLayer(nn.Module model, string name, string method) =>
        Find(model, name, method) as nn.Module<Tensor, Tensor>
        ?? throw new ArgumentException(
            $"{method}: layer '{name}' is a {Find(model, name, method).GetType().Name}, which does not map one tensor to one tensor; name a layer such as a convolution, linear or activation layer.",
            "layer");

    private static int EditDistance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
