using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Layers;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Check;

/// <summary>A layer with its sizes resolved: what it reads and the shape it produces.</summary>
/// <param name="Inputs">Names of the values it reads (model inputs or earlier nodes).</param>
internal sealed record ShapedNode(LayerSpec Layer, EquatableArray<string> Inputs, EquatableArray<Shape> InputShapes, Shape Output)
{
    public string Name => Layer.Site.Name;
}

/// <summary>A model whose every shape is known: what the emitters work from. It holds no source locations.</summary>
/// <param name="Outputs">The returned tensors; <see cref="OutputNodes"/> names the node producing each.</param>
/// <param name="ConstructorSymbols">Symbols the module must be built with: its constructor parameters.</param>
internal sealed record ShapedModel(
    DeclaredType Type,
    EquatableArray<TensorSpec> Inputs,
    EquatableArray<ShapedNode> Nodes,
    EquatableArray<TensorSpec> Outputs,
    EquatableArray<string> OutputNodes,
    EquatableArray<string> ConstructorSymbols);
