using System.Collections;
using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>
/// One batch for a model with several inputs: each input's name and tensor, in the order the model's <c>forward</c>
/// takes them (a generated model's declaration order). The attribution methods attribute to every floating-point input
/// and hold integer inputs (token ids) fixed; results are keyed by these names.
/// </summary>
public sealed class ModelInputs : IReadOnlyList<(string Name, Tensor Value)>
{
    private readonly (string Name, Tensor Value)[] inputs;

    /// <exception cref="ArgumentException">No inputs, a name that is empty or given twice, or a null tensor.</exception>
    public ModelInputs(params (string Name, Tensor Value)[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length == 0)
            throw new ArgumentException("ModelInputs: name at least one input, e.g. (\"x\", x).", nameof(inputs));
        foreach (var (name, value) in inputs)
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException("ModelInputs: every input needs a name.", nameof(inputs));
            if (value is null)
                throw new ArgumentNullException(nameof(inputs), $"ModelInputs: input '{name}' is null.");
        }
        var repeated = inputs.GroupBy(i => i.Name).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new ArgumentException($"ModelInputs: input '{repeated.Key}' is named twice; each input needs its own name.", nameof(inputs));
        this.inputs = inputs.ToArray();
    }

    public int Count => inputs.Length;

    public (string Name, Tensor Value) this[int index] => inputs[index];

    public IEnumerator<(string Name, Tensor Value)> GetEnumerator() => ((IEnumerable<(string Name, Tensor Value)>)inputs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
