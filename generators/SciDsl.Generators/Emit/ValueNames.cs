using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Check;

namespace SciDsl.Generators.Emit;

/// <summary>
/// Chooses the C# variable holding each value. A chain reuses one variable
/// (<c>x = conv1.forward(x);</c>), as hand-written TorchSharp does; a value read again
/// later, or by several layers, keeps a variable of its own (<c>conv1_out</c>).
/// </summary>
internal sealed class ValueNames
{
    private readonly Dictionary<string, string> variables = new();
    private readonly HashSet<string> declared = new();

    public ValueNames(ShapedModel model)
    {
        var readers = new Dictionary<string, int>();
        foreach (string value in model.Nodes.SelectMany(n => n.Inputs).Concat(model.OutputNodes))
            readers[value] = (readers.TryGetValue(value, out int count) ? count : 0) + 1;
        foreach (var input in model.Inputs) variables[input.Name] = input.Name;

        foreach (var node in model.Nodes)
        {
            string source = node.Inputs[0];
            // Named inputs (a graph's adjacency) ride along: a chain through the main input still reuses its variable.
            bool onlyReader = node.Inputs.Count - node.Layer.NamedInputs.Count == 1 && readers.TryGetValue(source, out int count) && count == 1;
            variables[node.Name] = onlyReader ? variables[source] : node.Name + "_out";
        }
    }

    public string Of(string value) => variables[value];

    /// <summary>True the first time a node's variable is a new one, so it needs <c>var</c>.</summary>
    public bool Declares(ShapedNode node, ShapedModel model) =>
        !model.Inputs.Any(i => i.Name == Of(node.Name)) && declared.Add(Of(node.Name));
}
